import { EventEmitter } from 'node:events';
import type { LiveEvents } from '@preau/shared';

/** Where a record stands, so listeners (live events, notifications) can pick who may see it. */
export interface EventAudience {
  schoolId: number | null;
  communeId: number;
  /** For tickets: the reporter, who sees their own tickets even without other rights. */
  reporterUserId?: number;
  /** For tickets: people following the report, who see it as the reporter does. */
  followerUserIds?: number[];
  /** Internal notes go to support staff only. */
  staffOnly?: boolean;
  /** For tickets the director holds at the school: support staff do not see them (`canSee`). */
  heldAtSchool?: boolean;
}

/** Events about a record of a place (a ticket, an item), for those who may see that record. */
export type RecordEventName = 'ticket:created' | 'ticket:updated' | 'ticket:commented' | 'equipment:updated';
export type RecordEvent = {
  [K in RecordEventName]: { name: K; payload: LiveEvents[K]; audience: EventAudience };
}[RecordEventName];

/** A change to the ticket configuration; its payload's commune says who reads it. */
export type ConfigEventName = 'routing-rules:changed' | 'ticket-settings:changed';
export type ConfigEvent = { [K in ConfigEventName]: { name: K; payload: LiveEvents[K] } }[ConfigEventName];

export type DomainEvent = RecordEvent | ConfigEvent;

/**
 * A change to who may see what, published once it is committed so that live sockets follow at
 * once: one session ended (sign-out, absolute age), every session of an account ended
 * (disabled, password reset), or an account's memberships, state or tokens changed.
 */
export type AccessChange =
  | { kind: 'session-ended'; sid: string }
  | { kind: 'account-sessions-ended'; userId: number }
  | { kind: 'account-changed'; userId: number };

/**
 * In-process bus for what just happened. Services publish after their transaction commits;
 * the Socket.IO gateway and the notifier listen. Listeners must not throw into the publisher.
 */
export class DomainEvents {
  private readonly emitter = new EventEmitter();

  publish(event: DomainEvent): void {
    for (const listener of this.emitter.listeners('event') as ((event: DomainEvent) => void)[]) {
      try {
        listener(event);
      } catch {
        // A failing listener (a closed socket, a mail server down) never undoes a committed change.
      }
    }
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Kept apart from `publish`: access changes are no records to notify anyone about. */
  publishAccessChange(change: AccessChange): void {
    for (const listener of this.emitter.listeners('access') as ((change: AccessChange) => void)[]) {
      try {
        listener(change);
      } catch {
        // The sign-out or the membership change stands; the periodic socket check is the backstop.
      }
    }
  }

  subscribeAccessChanges(listener: (change: AccessChange) => void): () => void {
    this.emitter.on('access', listener);
    return () => this.emitter.off('access', listener);
  }
}
