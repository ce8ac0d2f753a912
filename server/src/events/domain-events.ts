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
}

export type DomainEvent = {
  [K in keyof LiveEvents]: { name: K; payload: LiveEvents[K]; audience: EventAudience };
}[keyof LiveEvents];

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
}
