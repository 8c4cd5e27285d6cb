import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { AppointDto } from './dto/appoint.dto';
import { NominateDto } from './dto/nominate.dto';
import { StartRoundDto } from './dto/start-round.dto';
import { RecruitmentService } from './recruitment.service';
import { NominationRequestDto, NominationViewDto, RequestNominationDto, RoundStartedDto } from './dto/recruitment-view.dto';
import { RejectNomineeDto } from './dto/reject.dto';

const groupId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Gruppen finns inte.') });
const nominationId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Nomineringen finns inte.') });
const requestId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Nomineringsförfrågan finns inte.') });

/** The coordinator's side of recruitment, per group. */
@ApiTags('recruitment')
@ApiBearerAuth()
@Controller('working-groups/:id')
export class RecruitmentController {
  constructor(private readonly service: RecruitmentService) {}

  @Post('recruitment/rounds')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'id')
  @ApiCreatedResponse({ type: RoundStartedDto, description: 'Nomineringsförfrågningar är skickade till organisationerna, med svarstid.' })
  startRound(@Param('id', groupId) id: string, @Body() dto: StartRoundDto, @CurrentUser() user: AuthUser) {
    return this.service.startRound(id, dto, user);
  }

  @Get('recruitment/audit')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'id')
  @ApiOkResponse({ description: 'Rekryteringens händelselogg: vem gjorde vad och när.' })
  audit(@Param('id', groupId) id: string) {
    return this.service.audit(id);
  }

  @Get('nomination-requests')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'id')
  @ApiOkResponse({ type: [NominationRequestDto], description: 'Gruppens nomineringsförfrågningar och deras läge, senaste omgången först.' })
  requests(@Param('id', groupId) id: string) {
    return this.service.listRequests(id);
  }

  @Get('nominations')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'id')
  @ApiOkResponse({ type: [NominationViewDto], description: 'Nominerade personer och beslut.' })
  nominations(@Param('id', groupId) id: string) {
    return this.service.listNominations(id);
  }

  @Post('nominations')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'id')
  @ApiCreatedResponse({ type: NominationViewDto, description: 'Direktrekrytering: personen väntar på beslut (utse eller avböj).' })
  nominateDirectly(@Param('id', groupId) id: string, @Body() dto: NominateDto, @CurrentUser() user: AuthUser) {
    return this.service.nominateDirectly(id, dto, user);
  }

  @Post('nominations/:nominationId/appoint')
  @HttpCode(201)
  @Roles('coordinator', 'admin')
  @Scoped('group', 'id')
  @ApiCreatedResponse({ description: 'Personen är utsedd; uppdraget är skapat och personen får en förfrågan.' })
  appoint(@Param('id', groupId) id: string, @Param('nominationId', nominationId) nid: string, @Body() dto: AppointDto, @CurrentUser() user: AuthUser) {
    return this.service.appoint(id, nid, dto, user);
  }

  @Post('nominations/:nominationId/reject')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @Scoped('group', 'id')
  @ApiOkResponse({ type: NominationViewDto, description: 'Nomineringen är avböjd med skälet; organisationen och den nominerade får besked.' })
  reject(@Param('id', groupId) id: string, @Param('nominationId', nominationId) nid: string, @Body() dto: RejectNomineeDto, @CurrentUser() user: AuthUser) {
    return this.service.reject(id, nid, dto, user);
  }
}

/** The organisation's side: its nomination requests. */
@ApiTags('recruitment')
@ApiBearerAuth()
@Controller('nomination-requests')
export class NominationRequestsController {
  constructor(private readonly service: RecruitmentService) {}

  @Get()
  @Roles('org-contact')
  @ApiOkResponse({ type: [NominationRequestDto], description: 'Förfrågningar till min organisation, senaste först.' })
  mine(@CurrentUser() user: AuthUser) {
    return this.service.requestsForOrganisation(user);
  }

  @Get(':requestId')
  @Scoped('nomination-request', 'requestId')
  @ApiOkResponse({ type: NominationRequestDto, description: 'Förfrågan, gruppen och dess uppdragsbeskrivning.' })
  get(@Param('requestId', requestId) id: string) {
    return this.service.getRequest(id);
  }

  @Get(':requestId/nominations')
  @Scoped('nomination-request', 'requestId')
  @ApiOkResponse({
    type: [RequestNominationDto],
    description: 'Personerna som nominerats på förfrågan och samordnarens beslut: väntar, utsedd, eller avböjd med skäl.',
  })
  nominationsOfRequest(@Param('requestId', requestId) id: string) {
    return this.service.nominationsOfRequest(id);
  }

  @Post(':requestId/nominations')
  @Roles('org-contact', 'admin')
  @Scoped('nomination-request', 'requestId')
  @ApiCreatedResponse({ type: NominationViewDto, description: 'Nomineringen är registrerad och väntar på samordnarens beslut.' })
  nominate(@Param('requestId', requestId) id: string, @Body() dto: NominateDto, @CurrentUser() user: AuthUser) {
    return this.service.nominate(id, dto, user);
  }

  @Post(':requestId/decline')
  @HttpCode(200)
  @Roles('org-contact', 'admin')
  @Scoped('nomination-request', 'requestId')
  @ApiOkResponse({ type: NominationRequestDto, description: 'Organisationen avstår från att nominera i den här omgången.' })
  decline(@Param('requestId', requestId) id: string, @CurrentUser() user: AuthUser) {
    return this.service.declineRequest(id, user);
  }
}

const assignmentId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Uppdraget finns inte.') });

/** The appointed person's invitation (issue 16 #3): the coordinator sends a new link. */
@ApiTags('recruitment')
@ApiBearerAuth()
@Controller('assignments/:assignmentId/invitation')
export class AssignmentInvitationController {
  constructor(private readonly service: RecruitmentService) {}

  @Post('resend')
  @HttpCode(201)
  @Roles('coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  @ApiCreatedResponse({
    description:
      'En ny inbjudningslänk är skickad till den utsedda personen; den gamla slutar fungera. Länken gäller till svarstidens slut (eller den vanliga tiden om den är längre). Svaret säger när den skickades, hur länge den gäller och om den har använts.',
  })
  resend(@Param('assignmentId', assignmentId) id: string, @CurrentUser() user: AuthUser) {
    return this.service.resendInvitation(id, user);
  }
}
