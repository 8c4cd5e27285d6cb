import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger';
import { Mailer } from '../mail/mailer';
import { DocumentStoreModule } from '../documents/document-store.module';
import { AssignmentStepsService } from './assignment-steps.service';
import { AssignmentsController } from './assignments.controller';
import { DeclarationsService } from './declarations.service';
import { RecusalsController } from './recusals.controller';

/** The assignment's steps over HTTP. Exports AssignmentStepsService: time reports tell the workflow through `periodFor`, `recordSubmittedReport` and `recordAttestedReport`. */
@Module({
  imports: [DocumentStoreModule],
  controllers: [AssignmentsController, RecusalsController],
  providers: [
    AssignmentStepsService,
    DeclarationsService,
    // The mail the API sends itself (§4.5.2's advice at the payee details step): the same outbox as the workflows'.
    { provide: Mailer, useFactory: (ds: DataSource, config: AppConfig, logger: Logger) => new Mailer(ds, config, logger.child({ component: 'mail' })), inject: [DataSource, APP_CONFIG, LOGGER] },
  ],
  exports: [AssignmentStepsService],
})
export class AssignmentsModule {}
