import { Module } from '@nestjs/common';
import { DocumentScopeRule, DocumentSigningPolicy } from './document-access';
import { DocumentStoreModule } from './document-store.module';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';

/**
 * Generated PDFs (agreements, declarations, payout slips): storage, download, signing and verification. The global
 * guard asks AccessPolicy who may see a document ('document' scope kind); the rule is DocumentScopeRule.
 */
@Module({
  imports: [DocumentStoreModule],
  controllers: [DocumentsController],
  providers: [DocumentsRepository, DocumentSigningPolicy, DocumentScopeRule],
  exports: [DocumentStoreModule],
})
export class DocumentsModule {}
