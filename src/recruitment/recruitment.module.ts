import { Module } from '@nestjs/common';
import { NominationRequestScopeRule } from './nomination-request.scope';
import { AssignmentInvitationController, NominationRequestsController, RecruitmentController } from './recruitment.controller';
import { RecruitmentService } from './recruitment.service';
import { UsersModule } from '../users/users.module';

/**
 * Recruitment over HTTP: nomination rounds, nominations, appointments (the recruitment workflow decides). Who may
 * see a nomination request (the global guard asks AccessPolicy) is NominationRequestScopeRule.
 */
@Module({
  imports: [UsersModule],
  controllers: [RecruitmentController, NominationRequestsController, AssignmentInvitationController],
  providers: [RecruitmentService, NominationRequestScopeRule],
  exports: [RecruitmentService],
})
export class RecruitmentModule {}
