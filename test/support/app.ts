import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createApp, type App, type AppDeps } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';

/** One data folder per test process, so uploads never land in the project's `data/`. */
let dataDir: string | undefined;
function testDataDir(): string {
  dataDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'preau-test-data-'));
  return dataDir;
}

/** The real app over a test database, quiet, as supertest drives it; `deps.clock` fixes the time date-based figures see. */
export function testApp(dataSource: DataSource, env: Record<string, string> = {}, deps: Pick<AppDeps, 'clock'> = {}): App {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: testDataDir(), ...env } as NodeJS.ProcessEnv);
  return createApp({ config, dataSource, logger: createLogger('silent'), ...deps });
}
