import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from '../logger';

/** Attempts before boot gives up on an unreachable Redis (about 5 s). */
const BOOT_ATTEMPTS = 10;

/**
 * The Socket.IO Redis adapter: an event emitted on one server process reaches the sockets
 * held by the others. Pub/sub channels ignore the Redis database number, so installations
 * sharing one Redis server must not share `key`.
 *
 * Boot fails when Redis cannot be reached (a wrong REDIS_URL should not go unnoticed); once
 * connected, an outage only delays events between processes while the clients reconnect.
 */
export async function connectRedisAdapter(url: string, logger: Logger, key = 'preau') {
  const where = new URL(url).host;
  const client = (name: string) => {
    let ready = false;
    let down = false;
    const redis = createClient({
      url,
      socket: {
        reconnectStrategy: (retries: number, cause: Error) => {
          if (ready) return Math.min(100 * 2 ** retries, 3_000);
          return retries < BOOT_ATTEMPTS ? 500 : new Error(`Redis at ${where} (REDIS_URL) unreachable: ${cause.message}`);
        },
      },
    });
    // Without a listener an `error` event would crash the process.
    redis.on('error', (err: unknown) => {
      if (ready && !down) logger.warn({ err, client: name }, 'Redis unreachable: live events reach only this process until it is back');
      down = true;
    });
    redis.on('ready', () => {
      if (down && ready) logger.info({ client: name }, 'Redis reachable again');
      ready = true;
      down = false;
    });
    return redis;
  };
  const pub = client('publisher');
  const sub = client('subscriber');
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (error) {
    pub.destroy();
    sub.destroy();
    throw error;
  }
  return {
    adapter: createAdapter(pub, sub, { key }),
    close: async () => {
      await Promise.all([pub.close(), sub.close()]);
    },
  };
}
