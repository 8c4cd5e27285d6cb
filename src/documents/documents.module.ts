import { Module } from '@nestjs/common';
import { DocumentSigningPolicy, registerDocumentScope } from './document-access';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

// The global guard asks AccessPolicy who may see a document ('document' scope kind); the rule lives here.
registerDocumentScope();

/** Generated PDFs (agreements, declarations, payout slips): storage, download, signing and verification. */
@Module({ controllers: [DocumentsController], providers: [DocumentsService, DocumentSigningPolicy], exports: [DocumentsService] })
export class DocumentsModule {}
