import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';

/**
 * SESSION_SECRET when set (needed when several machines serve Préau); otherwise a random
 * secret created once in the data folder, so sessions survive restarts with no set-up.
 */
export function resolveSessionSecret(config: Readonly<Config>): string {
  if (config.session.secret) return config.session.secret;
  if (config.env === 'test') return randomBytes(32).toString('base64url');
  const file = path.join(config.dataDir, 'session-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    // `wx` fails if another process wrote it first: then read theirs.
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}
