import { Module } from '@nestjs/common';
import { DocumentSigningPolicy, registerDocumentScope } from './document-access';
import { DocumentStoreModule } from './document-store.module';
import { DocumentsController } from './documents.controller';

// The global guard asks AccessPolicy who may see a document ('document' scope kind); the rule lives here.
registerDocumentScope();

/** Generated PDFs (agreements, declarations, payout slips): storage, download, signing and verification. */
@Module({ imports: [DocumentStoreModule], controllers: [DocumentsController], providers: [DocumentSigningPolicy], exports: [DocumentStoreModule] })
export class DocumentsModule {}
