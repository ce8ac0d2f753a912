import os from 'node:os';

/** What the issue asks for: the fleet size, the load and the targets. */
export const FLEET = { schools: 500, items: 100_000 } as const;
export const TARGETS = { p95Ms: 20, minThroughputRatio: 0.5 } as const;

/** Name of the throwaway MariaDB database: created at the start, dropped at the end. */
export const MYSQL_BENCH_DATABASE = 'preau_bench';

/** Where every bench finds MariaDB, and how the app under test logs. */
export interface ServerSettings {
  /** MariaDB server, without a database name. */
  mysqlUrl: string;
  /** LOG_LEVEL of the app under test; `info` logs every request, as in production. */
  appLogLevel: string;
}

export interface BenchSettings extends ServerSettings {
  /** Seconds of each measured autocannon run. */
  durationSeconds: number;
  /** Seconds of the discarded run before each measured one. */
  warmupSeconds: number;
  connections: number;
  cpus: number;
  node: string;
}

function seconds(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds, not "${raw}"`);
  return value;
}

/** BENCH_MYSQL_URL and BENCH_LOG_LEVEL, read alike by every bench (see README.md). */
export function serverSettings(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  return {
    mysqlUrl: (env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, ''),
    appLogLevel: env.BENCH_LOG_LEVEL ?? 'info',
  };
}

/** Reads the few knobs a run takes from the environment (see README.md). */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    durationSeconds: seconds(env.BENCH_DURATION, 10, 'BENCH_DURATION'),
    warmupSeconds: seconds(env.BENCH_WARMUP, 2, 'BENCH_WARMUP'),
    connections: 50,
    ...serverSettings(env),
    cpus: os.availableParallelism(),
    node: process.version,
  };
}
