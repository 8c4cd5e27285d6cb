import { Module } from '@nestjs/common';
import { DocumentsService } from './documents.service';

/**
 * DocumentsService alone (no HTTP): what the API's feature modules and the worker's activities inject, so both get
 * the same instance wiring (the optional DOCUMENTS_CLOCK included). DocumentsModule adds the endpoints.
 */
@Module({ providers: [DocumentsService], exports: [DocumentsService] })
export class DocumentStoreModule {}
