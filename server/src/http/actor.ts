import type { Request } from 'express';

/** Who did something, as histories and the audit log record it. */
export interface Actor {
  userId: number | null;
  label: string;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: null, label: 'system', ip: null });

/** The signed-in user behind a request (routes that write always require one). */
export function actorOf(req: Request): Actor {
  return { userId: req.user?.userId ?? null, label: req.user?.username ?? 'anonymous', ip: req.ip ?? null };
}
