import type { DocumentSignedEvent } from '../documents/document-signed.event';

/**
 * Every domain event, by name, with its payload (IDs, states; no personal data). Emit with `EventBus.emit`,
 * handle with `@OnDomainEvent(name)` (event-bus.ts). Add an event here, where a newcomer finds them all.
 */
export interface DomainEvents {
  /** Someone signed a document over HTTP (src/documents); the subject's feature follows (src/assignments). */
  'document.signed': DocumentSignedEvent;
}

export type DomainEventName = keyof DomainEvents;
