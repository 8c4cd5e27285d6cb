import type { DocumentKind } from '../../templates/template';
import type { DocumentSubject, SignatureView } from './documents.service';

/**
 * The 'document.signed' domain event (src/events): someone signed a document over HTTP (sent again when the same
 * person signs again). The feature that owns the subject follows it with an `@OnDomainEvent('document.signed')`
 * handler (e.g. the assignment moves on when its agreement is signed), so src/documents imports no such feature.
 */
export interface DocumentSignedEvent {
  /** The original document that was signed. */
  documentId: string;
  kind: DocumentKind;
  subject: DocumentSubject;
  signature: SignatureView;
  /** Every signature of the document so far, this one included. */
  signatures: SignatureView[];
  /** Every required role has signed. */
  complete: boolean;
  /** The same person had already signed in this role: a retry. Handlers must be idempotent either way. */
  alreadySigned: boolean;
}
