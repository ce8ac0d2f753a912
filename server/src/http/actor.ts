import type { Request } from 'express';

/** Who did something, as histories and the audit log record it. */
export interface Actor {
  userId: number | null;
  label: string;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: null, label: 'system', ip: null });

/** Until accounts exist every API caller is anonymous; sign-in replaces this with the user. */
export function actorOf(req: Request): Actor {
  return { userId: null, label: 'anonymous', ip: req.ip ?? null };
}
