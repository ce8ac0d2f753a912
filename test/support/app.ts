import type { DataSource } from 'typeorm';
import { createApp, type Services } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import type { Express } from 'express';

/** The real app over a test database, quiet, as supertest drives it. */
export function testApp(dataSource: DataSource, env: Record<string, string> = {}): { app: Express; services: Services } {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env } as NodeJS.ProcessEnv);
  return createApp({ config, dataSource, logger: createLogger('silent') });
}
