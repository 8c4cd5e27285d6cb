import { Module } from '@nestjs/common';
import { AssignmentLifecycleService } from './assignment-lifecycle.service';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';

/** The assignment lifecycle over HTTP. Exports the service: payouts use `recordAttestedReport` and `periodFor`. */
@Module({ controllers: [AssignmentsController], providers: [AssignmentsRepository, AssignmentLifecycleService], exports: [AssignmentLifecycleService] })
export class AssignmentsModule {}
