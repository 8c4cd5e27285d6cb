import { Module } from '@nestjs/common';
import { DocumentStoreModule } from '../documents/document-store.module';
import { AssignmentStepsService } from './assignment-steps.service';
import { AssignmentsController } from './assignments.controller';

/** The assignment's steps over HTTP. Exports AssignmentStepsService: time reports tell the workflow through `periodFor`, `recordSubmittedReport` and `recordAttestedReport`. */
@Module({ imports: [DocumentStoreModule], controllers: [AssignmentsController], providers: [AssignmentStepsService], exports: [AssignmentStepsService] })
export class AssignmentsModule {}
