import path from 'node:path';
import cron from 'node-cron';
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
  /** Largest photo accepted as a ticket attachment, in megabytes. */
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(100).default(10),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Signs session cookies and CSRF tokens; unset: a random secret kept in DATA_DIR/session-secret. */
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET needs at least 32 characters').optional(),
  /** A session unused this long ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  /** A session ends this long after sign-in, used or not. */
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  /** Express `trust proxy`: hops (or `true`) in front of Préau, so client addresses and HTTPS are seen right. */
  TRUST_PROXY: z.string().default('false'),
  /** Public address of Préau (`https://preau.example.fr`), for the single sign-on callback and links in e-mails. */
  PUBLIC_URL: z.url().optional(),
  /** `smtp://user:pass@host:587` (or `smtps://` on 465) to send notification e-mails; unset: in-app notifications only. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://').optional(),
  /** Sender of notification e-mails. */
  MAIL_FROM: z.string().trim().min(3).default('Préau <no-reply@localhost>'),
  /** `redis://host:6379`: live events reach sockets held by every server process; unset: this process only. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://').optional(),
  /** When the service-target sweep runs (cron syntax; each run holds a database lock, so one process runs it). */
  SLA_SWEEP_CRON: z.string().trim().refine((value) => cron.validate(value), 'SLA_SWEEP_CRON is not a valid cron expression').default('* * * * *'),
  /** How long before a first-response or resolution due date the holding group is warned, in wall-clock minutes. */
  SLA_WARNING_LEAD_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  /** Failed logins allowed per account, then per address, within LOGIN_WINDOW_MINUTES. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /** OpenID Connect issuer (ProConnect: https://auth.agentconnect.gouv.fr/api/v2); unset: single sign-on off. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** Scopes asked for; ProConnect's claims by default. */
  OIDC_SCOPES: z.string().default('openid email given_name usual_name uid siret'),
  /** The name on the sign-in button. */
  OIDC_LABEL: z.string().default('ProConnect'),
}).refine((e) => !e.OIDC_ISSUER || Boolean(e.OIDC_CLIENT_ID), {
  path: ['OIDC_CLIENT_ID'],
  message: 'OIDC_CLIENT_ID is required when OIDC_ISSUER is set',
  // Listed along with the other bad variables, not only once they are fixed.
  when: () => true,
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
  attachmentMaxBytes: number;
  env: 'development' | 'production' | 'test';
  clientDist: string;
  session: { secret: string | null; idleMs: number; maxAgeMs: number };
  trustProxy: boolean | number | string;
  publicUrl: string | null;
  /** Notification e-mails: `smtpUrl` null sends none. */
  mail: { smtpUrl: string | null; from: string };
  /** Redis for live events across server processes; null: in-memory, one process. */
  redisUrl: string | null;
  loginThrottle: { perAccount: number; perAddress: number; windowMs: number };
  /** Service-target sweep: its schedule and the warning lead. */
  sla: { sweepCron: string; warningLeadMinutes: number };
  oidc: { issuer: string; clientId: string; clientSecret: string | null; scopes: string; label: string } | null;
}

/** `true`/`false`, a hop count, or addresses as Express's `trust proxy` takes them. */
function trustProxyValue(raw: string): boolean | number | string {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return /^\d+$/.test(raw) ? Number(raw) : raw;
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
    attachmentMaxBytes: Math.round(e.ATTACHMENT_MAX_MB * 1024 * 1024),
    env: e.NODE_ENV,
    clientDist: path.join(ROOT, 'client/dist'),
    session: { secret: e.SESSION_SECRET ?? null, idleMs: e.SESSION_IDLE_MINUTES * 60_000, maxAgeMs: e.SESSION_MAX_HOURS * 3_600_000 },
    trustProxy: trustProxyValue(e.TRUST_PROXY),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, '') ?? null,
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    redisUrl: e.REDIS_URL ?? null,
    loginThrottle: {
      perAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      perAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMs: e.LOGIN_WINDOW_MINUTES * 60_000,
    },
    sla: { sweepCron: e.SLA_SWEEP_CRON, warningLeadMinutes: e.SLA_WARNING_LEAD_MINUTES },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET ?? null, scopes: e.OIDC_SCOPES, label: e.OIDC_LABEL }
        : null,
  });
}
