import session from 'express-session';
import { LessThan, type DataSource } from 'typeorm';
import type { DomainEvents } from '../../events/domain-events';
import { SessionEntity } from './session.entity';

type Callback<T = void> = (err?: unknown, value?: T) => void;

/** Passport keeps the signed-in user id here. */
interface StoredSession extends session.SessionData {
  passport?: { user?: number };
}

/**
 * express-session store on the application database (SQLite or MariaDB), so sessions
 * survive restarts and are shared by every server process on the same database.
 * Every way a session ends goes through `destroy` or `destroyForUser`: both tell `events`, so
 * that live sockets signed in with it are dropped at once.
 */
export class DatabaseSessionStore extends session.Store {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fallbackTtlMs: number,
    private readonly events?: DomainEvents,
  ) {
    super();
  }

  private get repository() {
    return this.dataSource.getRepository(SessionEntity);
  }

  private expiry(sess: session.SessionData): Date {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + this.fallbackTtlMs);
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.repository
      .findOneBy({ sid })
      .then((row) => callback(null, row && row.expiresAt.getTime() > Date.now() ? (JSON.parse(row.data) as session.SessionData) : null))
      .catch(callback);
  }

  override set(sid: string, sess: session.SessionData, callback?: Callback): void {
    const userId = (sess as StoredSession).passport?.user ?? null;
    this.repository
      .upsert({ sid, data: JSON.stringify(sess), expiresAt: this.expiry(sess), userId }, ['sid'])
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override touch(sid: string, sess: session.SessionData, callback?: Callback): void {
    this.repository
      .update({ sid }, { expiresAt: this.expiry(sess) })
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.repository
      .delete({ sid })
      .then((result) => {
        // Not for the anonymous session a sign-in replaces: it never had a row.
        if (result.affected !== 0) this.events?.publishAccessChange({ kind: 'session-ended', sid });
        callback?.();
      })
      .catch((err: unknown) => callback?.(err));
  }

  /** Ends every session of an account (disabled, password changed by an administrator). */
  async destroyForUser(userId: number): Promise<void> {
    await this.repository.delete({ userId });
    this.events?.publishAccessChange({ kind: 'account-sessions-ended', userId });
  }

  /** Deletes expired sessions; returns how many. */
  async prune(now = new Date()): Promise<number> {
    const result = await this.repository.delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
