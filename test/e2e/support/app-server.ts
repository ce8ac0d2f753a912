import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../../server/src/app';
import { loadConfig } from '../../../server/src/config';
import { createLogger } from '../../../server/src/logger';
import { attachRealtime, type Realtime } from '../../../server/src/realtime/gateway';
import { loadDemo, type DemoSummary } from '../../../db/seeds/demo/load-demo';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { ensureClientBuilt } from '../client-build';

export interface AppServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  baseUrl: string;
  demo: DemoSummary;
  stop(): Promise<void>;
}

export interface AppServerOptions {
  /** Socket.IO on the same HTTP server, for the pages that show live changes. */
  realtime?: boolean;
}

/**
 * The app as `npm start` serves it (the client built first), in this process, on a free port of
 * 127.0.0.1, over a fresh SQLite database holding the demo data. Files it keeps (attachments, the
 * session secret) go to a temporary data directory, removed by `stop()` with the database.
 */
export async function startAppServer({ realtime = false }: AppServerOptions = {}): Promise<AppServer> {
  let database: TestDatabase | undefined;
  let server: http.Server | undefined;
  let live: Realtime | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-e2e-'));
  const stop = async () => {
    // Closing Socket.IO closes the HTTP server too.
    if (live) await live.close();
    else if (server?.listening) await new Promise((resolve) => server!.close(resolve));
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await ensureClientBuilt();
    database = await createTestDatabase('sqlite');
    const demo = await loadDemo(database.dataSource);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', DATA_DIR: dataDir } as NodeJS.ProcessEnv);
    const logger = createLogger('silent');
    // As server/src/main.ts does: the app, then Socket.IO on the same HTTP server.
    const built = createApp({ config, dataSource: database.dataSource, logger });
    server = http.createServer(built.app);
    if (realtime) live = await attachRealtime(server, { ...built, dataSource: database.dataSource, config, logger });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, demo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
