import { Global, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { DomainEventName, DomainEvents } from './domain-events';

type Handler<K extends DomainEventName> = (event: DomainEvents[K]) => Promise<void> | void;

const ON_DOMAIN_EVENT = DiscoveryService.createDecorator<{ event: DomainEventName }>();

/**
 * Marks a method of a provider as a handler of one domain event (what immich does with `@OnEvent`):
 * `@OnDomainEvent('document.signed') async onDocumentSigned(e: DocumentSignedEvent) { … }`. The method's parameter
 * must be the event's type (DomainEvents), so a handler cannot listen to an event it does not understand.
 */
export function OnDomainEvent<K extends DomainEventName>(event: K) {
  return <M extends Handler<K>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    ON_DOMAIN_EVENT({ event })(target, key, descriptor);
  };
}

/**
 * Tells the features that follow something which happened in another one (src/documents → src/assignments), so
 * the one where it happens imports none of them. Handlers are the `@OnDomainEvent` methods of every singleton
 * provider, found when the application starts (Nest's DiscoveryService). `emit` runs them one after the other and
 * waits for them: the first error reaches the emitter (e.g. the signer's request), whose retry emits again, so
 * handlers must be idempotent.
 */
@Injectable()
export class EventBus implements OnModuleInit {
  private readonly handlers = new Map<DomainEventName, Array<{ owner: string; call: (event: never) => Promise<void> | void }>>();

  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit() {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const meta = this.discovery.getMetadataByDecorator(ON_DOMAIN_EVENT, wrapper, method);
        if (!meta) continue;
        const fn = (instance as Record<string, (event: never) => Promise<void> | void>)[method].bind(instance);
        const list = this.handlers.get(meta.event) ?? [];
        list.push({ owner: `${wrapper.name}.${method}`, call: fn });
        this.handlers.set(meta.event, list);
      }
    }
  }

  /** The handlers of an event, by `Provider.method` (for diagnostics and tests). */
  handlersOf(event: DomainEventName): string[] {
    return (this.handlers.get(event) ?? []).map((h) => h.owner);
  }

  async emit<K extends DomainEventName>(event: K, payload: DomainEvents[K]): Promise<void> {
    for (const h of this.handlers.get(event) ?? []) await (h.call as Handler<K>)(payload);
  }
}

/** Global: any provider may inject EventBus to emit, and any provider's `@OnDomainEvent` methods hear. */
@Global()
@Module({ imports: [DiscoveryModule], providers: [EventBus], exports: [EventBus] })
export class EventsModule {}
