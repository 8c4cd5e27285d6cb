import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { AssignmentStepsService } from './assignment-steps.service';
import { ReviewDeclarationDto, SubmitDeclarationDto } from './dto/declaration.dto';
import { PersonalDetailsDto } from './dto/personal-details.dto';

const id = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Uppdraget finns inte.') });

/** An assignment's lifecycle steps. Each answers with the workflow's status (no personal data). */
@ApiTags('assignments')
@ApiBearerAuth()
@Controller('assignments/:assignmentId')
export class AssignmentsController {
  constructor(private readonly service: AssignmentStepsService) {}

  @Get()
  @Scoped('assignment', 'assignmentId')
  @ApiOkResponse({ description: 'Uppdraget: läsmodellen, överenskommelse, jävsdeklaration, rapportperioder och arbetsflödets aktuella läge.' })
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
  @ApiOkResponse({ description: 'Rapportperioderna och deras läge.' })
  periods(@Param('assignmentId', id) assignmentId: string) {
    return this.service.reportingPeriods(assignmentId);
  }

  @Post('accept')
  @HttpCode(200)
  @Roles('representative')
  @Scoped('assignment', 'assignmentId')
  accept(@Param('assignmentId', id) assignmentId: string, @CurrentUser() user: AuthUser) {
    return this.service.accept(assignmentId, user);
  }

  @Post('decline')
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
  @ApiOkResponse({ description: 'Uppgifterna är sparade krypterade; de visas aldrig i svaret.' })
  details(@Param('assignmentId', id) assignmentId: string, @Body() dto: PersonalDetailsDto, @CurrentUser() user: AuthUser) {
    return this.service.giveDetails(assignmentId, dto, user);
  }

  @Post('agreement/sign')
  @HttpCode(200)
  @Roles('representative')
  @Scoped('assignment', 'assignmentId')
  sign(@Param('assignmentId', id) assignmentId: string, @CurrentUser() user: AuthUser) {
    return this.service.sign(assignmentId, user);
  }

  @Post('agreement/countersign')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  countersign(@Param('assignmentId', id) assignmentId: string, @CurrentUser() user: AuthUser) {
    return this.service.countersign(assignmentId, user);
  }

  @Post('declaration')
  @HttpCode(200)
  @Roles('representative')
  @Scoped('assignment', 'assignmentId')
  declare(@Param('assignmentId', id) assignmentId: string, @Body() dto: SubmitDeclarationDto, @CurrentUser() user: AuthUser) {
    return this.service.submitDeclaration(assignmentId, dto, user);
  }

  @Post('declaration/review')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  review(@Param('assignmentId', id) assignmentId: string, @Body() dto: ReviewDeclarationDto, @CurrentUser() user: AuthUser) {
    return this.service.reviewDeclaration(assignmentId, dto, user);
  }

  @Post('introduction')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  introduction(@Param('assignmentId', id) assignmentId: string, @CurrentUser() user: AuthUser) {
    return this.service.completeIntroduction(assignmentId, user);
  }

  @Post('withdraw')
  @HttpCode(200)
  @Roles('representative')
  @Scoped('assignment', 'assignmentId')
  withdraw(@Param('assignmentId', id) assignmentId: string, @CurrentUser() user: AuthUser) {
    return this.service.withdraw(assignmentId, user);
  }

  @Post('mandate-withdrawal')
  @HttpCode(200)
  @Roles('org-contact', 'admin')
  @Scoped('assignment', 'assignmentId')
  withdrawMandate(@Param('assignmentId', id) assignmentId: string, @CurrentUser() user: AuthUser) {
    return this.service.withdrawMandate(assignmentId, user);
  }
}
