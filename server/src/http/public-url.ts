import type { Request } from 'express';
import type { Config } from '../config';

/**
 * Préau's public address: PUBLIC_URL when set, otherwise the one this request came to (behind a
 * proxy, `trust proxy` makes the protocol and host the client's).
 */
export function publicBaseUrl(req: Request, config: Pick<Config, 'publicUrl'>): string {
  return config.publicUrl ?? `${req.protocol}://${req.host}`;
}
