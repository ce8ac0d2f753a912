import path from 'node:path';
import { z } from 'zod';

const ROOT = path.resolve(__dirname, '../..');

const EnvSchema = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on. */
  HOST: z.string().default('0.0.0.0'),
  /** `mysql://user:pass@host:port/db` for MySQL/MariaDB; unset means the embedded SQLite file. */
  DATABASE_URL: z
    .string()
    .regex(/^mysql:\/\//, 'DATABASE_URL must start with mysql:// (leave it unset for the embedded SQLite database)')
    .optional(),
  /** Folder for the embedded database and uploads. */
  DATA_DIR: z.string().default(path.join(ROOT, 'data')),
  /** `auto` loads the demo commune into a fresh embedded database; `off` never does. */
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  /** pino level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest CSV import accepted, in megabytes. */
  IMPORT_MAX_MB: z.coerce.number().positive().default(20),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type DatabaseConfig = { engine: 'sqlite'; file: string } | { engine: 'mysql'; url: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  demoData: 'auto' | 'off';
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  importMaxBytes: number;
  env: 'development' | 'production' | 'test';
  clientDist: string;
}

/** Reads the environment once; throws a readable message listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { engine: 'mysql' as const, url: e.DATABASE_URL }
      : { engine: 'sqlite' as const, file: path.join(dataDir, 'preau.sqlite') },
    dataDir,
    demoData: e.DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    importMaxBytes: Math.round(e.IMPORT_MAX_MB * 1024 * 1024),
    env: e.NODE_ENV,
    clientDist: path.join(ROOT, 'client/dist'),
  });
}
