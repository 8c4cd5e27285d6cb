import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { contentDisposition } from '../common/content-disposition';
import { Scoped } from '../auth/auth.decorators';
import { UnauthorizedError } from '../common/errors';
import { EventBus } from '../events/event-bus';
import { DocumentSigningPolicy } from './document-access';
import { DocumentsService } from './documents.service';
import { CreateSignatureDto } from './dto/create-signature.dto';
import { AuthenticatedUserSigner } from './signing/authenticated-user.signer';
import { DocumentViewDto } from './dto/document-view.dto';

type MaybeAuthed = Request & { user?: Partial<AuthUser> & { name?: string } };

/** The signed-in user set by the auth guard, or 401. */
function currentUser(req: MaybeAuthed): AuthUser & { name: string } {
  const u = req.user;
  const name = u?.displayName ?? u?.name;
  if (!u?.id || !name) throw new UnauthorizedError('Du måste vara inloggad.');
  return { ...(u as AuthUser), name };
}


@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(
    @Inject(DocumentsService) private readonly service: DocumentsService,
    @Inject(DocumentSigningPolicy) private readonly signing: DocumentSigningPolicy,
    @Inject(EventBus) private readonly events: EventBus,
  ) {}

  @Get(':id')
  @Scoped('document', 'id')
  @ApiOkResponse({ type: DocumentViewDto, description: 'Dokumentets metadata: mall och version, SHA-256, signaturer och signerade versioner.' })
  get(@Param('id') id: string) {
    return this.service.get(id);
  }

  @Get(':id/pdf')
  @Scoped('document', 'id')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Exakt de sparade byten (samma som kontrollsumman gäller).' })
  async pdf(@Param('id') id: string, @Req() req: MaybeAuthed, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const file = await this.service.download(id, currentUser(req).id);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('ETag', `"${file.sha256}"`);
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    return new StreamableFile(file.content, { type: file.contentType, disposition: contentDisposition(file.fileName), length: file.content.length });
  }

  @Post(':id/signatures')
  @HttpCode(201)
  @Scoped('document', 'id')
  @ApiCreatedResponse({ description: 'Signaturen är sparad och en ny signerad version med signeringsintyg är skapad.' })
  @ApiConflictResponse({ description: 'Kontrollsumman är inte det sparade dokumentets, eller rollen har redan signerats av någon annan.' })
  async sign(@Param('id') id: string, @Body() dto: CreateSignatureDto, @Req() req: MaybeAuthed) {
    const user = currentUser(req);
    await this.signing.assertMaySign(user, dto.role, (await this.service.get(id)).subject);
    const userAgent = req.headers['user-agent'];
    const signer = new AuthenticatedUserSigner(
      { id: user.id, name: user.name },
      { ipAddress: req.ip ?? req.socket?.remoteAddress ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null },
    );
    const result = await this.service.sign(id, dto, signer);
    // The subject's feature follows the signature (an agreement's signature moves its assignment on); a retry of
    // this request runs it again, so a lost follow-up is repaired by signing again.
    const original = result.sealed.sealOf?.id ?? id;
    await this.events.emit('document.signed', {
      documentId: original,
      kind: result.sealed.kind,
      subject: result.sealed.subject,
      signature: result.signature,
      signatures: result.sealed.signatures,
      complete: result.complete,
      alreadySigned: result.alreadySigned,
    });
    return result;
  }

  @Get(':id/verification')
  @Scoped('document', 'id')
  @ApiOkResponse({ description: 'Räknar om SHA-256 över de sparade byten och visar vem som har signerat.' })
  verify(@Param('id') id: string) {
    return this.service.verify(id);
  }
}
