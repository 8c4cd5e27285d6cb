import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import type { SigningContext } from '../documents/signing/authenticated-user.signer';
import { DeclarationsService } from './declarations.service';
import { RecordRecusalDto } from './dto/declaration.dto';

const id = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Uppdraget finns inte.') });
const recusalId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Jävet finns inte för uppdraget.') });

/** Who signs, from where (the signing evidence of a declaration's documents). */
export function signingContextOf(req: Request): SigningContext {
  const userAgent = req.headers['user-agent'];
  return { ipAddress: req.ip ?? req.socket?.remoteAddress ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null };
}

/**
 * Jäv (issue 16 #7, §4.3): per declared interest, the matters or agenda items of the group's activities the member
 * takes no part in. The coordinator records them; the member's assignment and the group's overview list them.
 */
@ApiTags('assignments')
@ApiBearerAuth()
@Controller('assignments/:assignmentId/recusals')
export class RecusalsController {
  constructor(private readonly declarations: DeclarationsService) {}

  @Get()
  @Scoped('assignment', 'assignmentId')
  @ApiOkResponse({ description: 'Frågor och dagordningspunkter företrädaren inte deltar i (jäv), per redovisat intresse.' })
  list(@Param('assignmentId', id) assignmentId: string) {
    return this.declarations.recusals(assignmentId);
  }

  @Post()
  @HttpCode(201)
  @Roles('coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  @ApiCreatedResponse({ description: 'Jävet är registrerat; svaret är deklarationens alla jäv. En godkänd deklaration får en ny bedömd version.' })
  record(@Param('assignmentId', id) assignmentId: string, @Body() dto: RecordRecusalDto, @CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.declarations.recordRecusal(assignmentId, dto, user, signingContextOf(req));
  }

  @Delete(':recusalId')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  @ApiOkResponse({ description: 'Jävet är borttaget; svaret är deklarationens återstående jäv.' })
  remove(
    @Param('assignmentId', id) assignmentId: string,
    @Param('recusalId', recusalId) recusal: string,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ) {
    return this.declarations.removeRecusal(assignmentId, recusal, user, signingContextOf(req));
  }
}
