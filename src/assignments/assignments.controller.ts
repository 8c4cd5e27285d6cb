import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { SigningContext } from '../documents';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { AssignmentStepsService } from './assignment-steps.service';
import { ReviewDeclarationDto, SubmitDeclarationDto } from './dto/declaration.dto';
import { PersonalDetailsDto } from './dto/personal-details.dto';
import { CompleteIntroductionDto } from './dto/introduction.dto';
import { SignAgreementDto } from './dto/sign-agreement.dto';
import { OverdueStepDto } from './dto/overdue-step.dto';

/** The request's address and browser: the evidence a simple electronic signature keeps. */
function signingContext(req: Request): SigningContext {
  const userAgent = req.headers['user-agent'];
  return { ipAddress: req.ip ?? req.socket?.remoteAddress ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null };
}
import { AssignmentStatusDto, AssignmentViewDto, ReportingPeriodDto } from './dto/assignment-view.dto';

const id = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Uppdraget finns inte.') });

/** An assignment's lifecycle steps. Each answers with the workflow's status (no personal data). */
@ApiTags('assignments')
@ApiBearerAuth()
@Controller('assignments/:assignmentId')
export class AssignmentsController {
  constructor(private readonly service: AssignmentStepsService) {}

  @Get()
  @Scoped('assignment', 'assignmentId')
  @ApiOkResponse({ type: AssignmentViewDto, description: 'Uppdraget: läsmodellen, överenskommelse, jävsdeklaration, rapportperioder och arbetsflödets aktuella läge.' })
  get(@Param('assignmentId', id) assignmentId: string, @CurrentUser() user: AuthUser) {
    return this.service.get(assignmentId, user);
  }

  @Get('audit')
  @Roles('coordinator', 'admin', 'representative')
  @Scoped('assignment', 'assignmentId')
  @ApiOkResponse({ description: 'Uppdragets händelselogg: vem gjorde vad och när.' })
  audit(@Param('assignmentId', id) assignmentId: string) {
    return this.service.audit(assignmentId);
  }

  @Get('reporting-periods')
  @Scoped('assignment', 'assignmentId')
  @ApiOkResponse({ type: [ReportingPeriodDto], description: 'Rapportperioderna och deras läge.' })
  periods(@Param('assignmentId', id) assignmentId: string) {
    return this.service.reportingPeriods(assignmentId);
  }

  @Post('accept')
  @ApiOkResponse({ type: AssignmentStatusDto })
  @HttpCode(200)
  @Roles('representative')
  @Scoped('assignment', 'assignmentId')
  accept(@Param('assignmentId', id) assignmentId: string, @CurrentUser() user: AuthUser) {
    return this.service.accept(assignmentId, user);
  }

  @Post('decline')
  @ApiOkResponse({ type: AssignmentStatusDto })
  @HttpCode(200)
  @Roles('representative')
  @Scoped('assignment', 'assignmentId')
  decline(@Param('assignmentId', id) assignmentId: string, @CurrentUser() user: AuthUser) {
    return this.service.decline(assignmentId, user);
  }

  @Put('personal-details')
  @HttpCode(200)
  @Roles('representative')
  @Scoped('assignment', 'assignmentId')
  @ApiOkResponse({ type: AssignmentStatusDto, description: 'Uppgifterna är sparade krypterade; de visas aldrig i svaret.' })
  details(@Param('assignmentId', id) assignmentId: string, @Body() dto: PersonalDetailsDto, @CurrentUser() user: AuthUser) {
    return this.service.giveDetails(assignmentId, dto, user);
  }

  @Post('agreement/sign')
  @HttpCode(200)
  @Roles('representative')
  @Scoped('assignment', 'assignmentId')
  @ApiOkResponse({ type: AssignmentStatusDto, description: 'Överenskommelsens dokument är undertecknat (SHA-256 registrerad i signaturen) och uppdraget går vidare till kontrasignering.' })
  @ApiConflictResponse({ description: 'Inget aktuellt dokument, fel läge, eller redan undertecknat av dig.' })
  sign(@Param('assignmentId', id) assignmentId: string, @Body() dto: SignAgreementDto, @CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.service.sign(assignmentId, user, signingContext(req), dto.expectedSha256);
  }

  @Post('agreement/countersign')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  @ApiOkResponse({ type: AssignmentStatusDto, description: 'Överenskommelsens dokument är kontrasignerat och uppdraget går vidare till jävsdeklarationen.' })
  @ApiConflictResponse({ description: 'Inget aktuellt dokument, inte undertecknat av företrädaren ännu, eller redan kontrasignerat.' })
  countersign(@Param('assignmentId', id) assignmentId: string, @Body() dto: SignAgreementDto, @CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.service.countersign(assignmentId, user, signingContext(req), dto.expectedSha256);
  }

  @Post('declaration')
  @ApiOkResponse({ type: AssignmentStatusDto })
  @HttpCode(200)
  @Roles('representative')
  @Scoped('assignment', 'assignmentId')
  declare(@Param('assignmentId', id) assignmentId: string, @Body() dto: SubmitDeclarationDto, @CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.service.submitDeclaration(assignmentId, dto, user, signingContext(req));
  }

  @Post('declaration/review')
  @ApiOkResponse({ type: AssignmentStatusDto })
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  review(@Param('assignmentId', id) assignmentId: string, @Body() dto: ReviewDeclarationDto, @CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.service.reviewDeclaration(assignmentId, dto, user, signingContext(req));
  }

  @Post('introduction')
  @HttpCode(200)
  @Roles('representative', 'coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  @ApiOkResponse({ type: AssignmentStatusDto, description: 'Introduktionen är registrerad (digital eller ett möte med datum) och uppdraget är aktivt.' })
  @ApiForbiddenResponse({ description: 'Företrädaren kan själv bara markera den digitala introduktionen; ett möte registreras av samordnaren.' })
  @ApiConflictResponse({ description: 'Uppdraget väntar inte på introduktionen (till exempel innan jävsdeklarationen är godkänd).' })
  introduction(@Param('assignmentId', id) assignmentId: string, @Body() dto: CompleteIntroductionDto, @CurrentUser() user: AuthUser) {
    return this.service.completeIntroduction(assignmentId, dto, user);
  }

  @Post('overdue-step')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  @ApiOkResponse({ description: 'Beslutet om det försenade steget: ny tidsgräns (påminnelserna börjar om) eller uppdraget avslutat.' })
  @ApiConflictResponse({ description: 'Inget steg i uppdraget är försenat (efter påminnelser och besked till samordnaren), eller uppdraget är avslutat.' })
  overdueStep(@Param('assignmentId', id) assignmentId: string, @Body() dto: OverdueStepDto, @CurrentUser() user: AuthUser) {
    return this.service.decideOverdueStep(assignmentId, dto, user);
  }

  @Post('withdraw')
  @ApiOkResponse({ type: AssignmentStatusDto })
  @HttpCode(200)
  @Roles('representative')
  @Scoped('assignment', 'assignmentId')
  withdraw(@Param('assignmentId', id) assignmentId: string, @CurrentUser() user: AuthUser) {
    return this.service.withdraw(assignmentId, user);
  }

  @Post('mandate-withdrawal')
  @ApiOkResponse({ type: AssignmentStatusDto })
  @HttpCode(200)
  @Roles('org-contact', 'admin')
  @Scoped('assignment', 'assignmentId')
  withdrawMandate(@Param('assignmentId', id) assignmentId: string, @CurrentUser() user: AuthUser) {
    return this.service.withdrawMandate(assignmentId, user);
  }
}
