import { Module } from '@nestjs/common';
import { DocumentStoreModule } from '../documents/document-store.module';
import { AssignmentLifecycleService } from './assignment-lifecycle.service';
import { AssignmentsController } from './assignments.controller';

/** The assignment lifecycle over HTTP. Exports the service: payouts use `recordAttestedReport` and `periodFor`. */
@Module({ imports: [DocumentStoreModule], controllers: [AssignmentsController], providers: [AssignmentLifecycleService], exports: [AssignmentLifecycleService] })
export class AssignmentsModule {}
