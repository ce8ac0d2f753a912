import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { average: number; total: number };
  throughput: { average: number; total: number };
}
type AutocannonRun = EventEmitter & PromiseLike<AutocannonResult>;
const autocannon = createRequire(__filename)('autocannon') as (options: AutocannonOptions) => AutocannonRun;

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  headers: Record<string, string>;
}

export interface Measurement {
  /** Milliseconds, over the 2xx responses of the measured run. */
  latency: { p50: number; p95: number; p99: number; mean: number; max: number };
  /** autocannon's mean of per-second samples. */
  requestsPerSecond: number;
  responses: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
  durationSeconds: number;
  /**
   * Share of the machine's CPUs busy in the second before the warm-up and in the second
   * after the measured run, while nothing of the bench ran: other work on the machine.
   */
  backgroundCpu: { before: number; after: number };
}

/** Share of all CPUs busy over `ms`: other work on the machine, when nothing of the bench runs. */
export async function busyCpu(ms = 1000): Promise<number> {
  const total = () => os.cpus().reduce((sum, cpu) => {
    const t = cpu.times;
    return { idle: sum.idle + t.idle, all: sum.all + t.idle + t.user + t.nice + t.sys + t.irq };
  }, { idle: 0, all: 0 });
  const before = total();
  await sleep(ms);
  const after = total();
  const all = after.all - before.all;
  return all > 0 ? 1 - (after.idle - before.idle) / all : 0;
}

/**
 * Loads `url` for a warm-up run (thrown away), then for the measured run. Latency
 * percentiles are computed from every response time (autocannon's own histogram keeps
 * whole milliseconds only, and has no p95).
 */
export async function measure(url: string, options: LoadOptions): Promise<Measurement> {
  const base = { url, connections: options.connections, headers: options.headers };
  const before = await busyCpu();
  await autocannon({ ...base, duration: options.warmupSeconds });

  const times: number[] = [];
  const run = autocannon({ ...base, duration: options.durationSeconds });
  run.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
  });
  const result = await run;
  // Let the server finish the requests autocannon left in flight before looking.
  await sleep(500);
  const after = await busyCpu();
  times.sort((a, b) => a - b);
  const percentile = (p: number) => (times.length === 0 ? NaN : times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!);
  return {
    latency: {
      p50: percentile(50),
      p95: percentile(95),
      p99: percentile(99),
      mean: times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length),
      max: times.at(-1) ?? NaN,
    },
    requestsPerSecond: result.requests.average,
    responses: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    bytesPerResponse: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
    durationSeconds: result.duration,
    backgroundCpu: { before, after },
  };
}
