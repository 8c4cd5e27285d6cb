import type { DocumentKind } from '../../templates/template';
import type { DocumentSubject, SignatureView } from './documents.service';

/** What happened when someone signed a document over HTTP (also sent again when the same person signs again). */
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

export type DocumentSignedHandler = (event: DocumentSignedEvent) => Promise<void>;

/**
 * Lets the feature that owns a document's subject follow its signatures (e.g. the assignment lifecycle moves on
 * when the agreement is signed) without src/documents importing that feature: the feature registers a handler
 * for its subject type when it starts, like `AccessPolicy.registerResolver`. One handler per subject type;
 * registering again replaces it. Handlers run after the signature is stored; an error reaches the signer, whose
 * retry (the same signature again) runs the handler again.
 */
export class DocumentSignatureHooks {
  private static readonly handlers = new Map<string, DocumentSignedHandler>();

  /** Returns a function that removes the handler (when the registering module shuts down). */
  static register(subjectType: string, handler: DocumentSignedHandler): () => void {
    DocumentSignatureHooks.handlers.set(subjectType, handler);
    return () => {
      if (DocumentSignatureHooks.handlers.get(subjectType) === handler) DocumentSignatureHooks.handlers.delete(subjectType);
    };
  }

  static async notify(event: DocumentSignedEvent): Promise<void> {
    const handler = DocumentSignatureHooks.handlers.get(event.subject.type);
    if (handler) await handler(event);
  }
}
