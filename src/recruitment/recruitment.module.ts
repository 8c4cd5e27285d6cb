import { Module } from '@nestjs/common';
import { registerNominationRequestScope } from './nomination-request.scope';
import { NominationRequestsController, RecruitmentController } from './recruitment.controller';
import { RecruitmentService } from './recruitment.service';
import { UsersModule } from '../users/users.module';

// The global guard asks AccessPolicy who may see a nomination request; the rule lives here.
registerNominationRequestScope();

/** Recruitment over HTTP: nomination rounds, nominations, appointments (the recruitment workflow decides). */
@Module({ imports: [UsersModule], controllers: [RecruitmentController, NominationRequestsController], providers: [RecruitmentService], exports: [RecruitmentService] })
export class RecruitmentModule {}
