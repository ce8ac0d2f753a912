/**
 * `npm run bench:sweep`: the service-target sweep over 200,000 open tickets, on SQLite and on
 * MariaDB (`BENCH_MYSQL_URL`, default mysql://root@127.0.0.1:3306, database `preau_bench_sweep`,
 * dropped at the end). Each engine: 3 sweeps with the ~2% due tickets to mark (undone between
 * runs) and, after each, a sweep with nothing left to do (the every-minute case). Medians are
 * compared with the target. Results also go to test-results/bench/tickets-sweep.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainEvents } from '../../server/src/events/domain-events';
import { migrate } from '../../server/src/db/migrate';
import type { BreachNotifier } from '../../server/src/modules/sla/breach-notifier';
import { SlaSweepService, type SweepResult } from '../../server/src/modules/sla/sla-sweep.service';
import { withDataSource } from './bench-database';
import { serverSettings } from './settings';
import {
  SWEEP_DATA,
  SWEEP_TARGET_SECONDS,
  expectedMarks,
  mariaDbSweepDatabase,
  resetSweep,
  sqliteSweepDatabase,
  writeSweepTickets,
  type SweepDatabase,
} from './tickets-sweep-data';

const RUNS = 3;
const RESULTS_FILE = path.resolve(__dirname, '../../test-results/bench/tickets-sweep.json');

interface EngineResult {
  engine: string;
  label: string;
  writeSeconds: number;
  sweepSeconds: number[];
  idleSeconds: number[];
  /** Per run, the longest the event loop did not turn during the sweep with marks (ms). */
  stallMs: number[];
  medianSweepSeconds: number;
  medianIdleSeconds: number;
  marked: { breached: number; warned: number; autoClosed: number };
  targetMet: boolean;
}

const seconds = (ms: number) => Math.round(ms) / 1000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The longest time the event loop went without turning, from a 1 ms timer: what a request
 * arriving during a sweep may wait. A loop blocked throughout counts whole (Node's own
 * monitorEventLoopDelay records nothing then).
 */
function stallProbe(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: seconds(performance.now() - started) };
}

async function benchEngine(engine: string, database: SweepDatabase): Promise<EngineResult> {
  console.log(`\n${engine}: ${database.label}`);
  return withDataSource(database, async (dataSource) => {
    await migrate(dataSource);
    const now = new Date();
    const write = await timed(() => writeSweepTickets(dataSource, now));
    console.log(`  wrote ${write.value.toLocaleString('en')} tickets in ${write.seconds} s`);

    let notices = 0;
    const notifier: BreachNotifier = { notifyBreach: async () => void notices++, notifyAutoClosed: async () => void notices++ };
    const events = new DomainEvents();
    let published = 0;
    events.subscribe(() => published++);
    const sweeper = new SlaSweepService(dataSource, events, notifier, { warningLeadMinutes: 60 });
    const expected = expectedMarks();

    const sweepSeconds: number[] = [];
    const idleSeconds: number[] = [];
    const stallMs: number[] = [];
    let marked: SweepResult | undefined;
    for (let run = 1; run <= RUNS; run++) {
      await resetSweep(dataSource);
      notices = 0;
      published = 0;
      const stalls = stallProbe();
      const full = await timed(() => sweeper.sweep(now));
      const runStallMs = stalls.stop();
      marked = full.value;
      const counts = { breached: marked.breached.length, warned: marked.warned.length, autoClosed: marked.autoClosed.length };
      if (counts.breached !== expected.breached || counts.warned !== expected.warned || counts.autoClosed !== expected.autoClosed) {
        throw new Error(`run ${run} marked ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`);
      }
      const total = counts.breached + counts.warned + counts.autoClosed;
      if (notices !== total || published !== total) throw new Error(`run ${run}: ${notices} notices and ${published} events for ${total} marks`);
      const idle = await timed(() => sweeper.sweep(new Date(now.getTime() + 1000)));
      if (idle.value.breached.length + idle.value.warned.length + idle.value.autoClosed.length > 0) throw new Error(`run ${run}: the second sweep marked tickets again`);
      sweepSeconds.push(full.seconds);
      idleSeconds.push(idle.seconds);
      stallMs.push(runStallMs);
      console.log(
        `  run ${run}: sweep ${full.seconds.toFixed(3)} s (${counts.breached} breached, ${counts.warned} warned, ${counts.autoClosed} closed; ` +
          `longest event-loop stall ${runStallMs.toFixed(0)} ms), then idle sweep ${idle.seconds.toFixed(3)} s`,
      );
    }
    const medianSweepSeconds = median(sweepSeconds);
    return {
      engine,
      label: database.label,
      writeSeconds: write.seconds,
      sweepSeconds,
      idleSeconds,
      stallMs,
      medianSweepSeconds,
      medianIdleSeconds: median(idleSeconds),
      marked: { breached: marked!.breached.length, warned: marked!.warned.length, autoClosed: marked!.autoClosed.length },
      targetMet: medianSweepSeconds < SWEEP_TARGET_SECONDS,
    };
  });
}

function table(results: EngineResult[]): string {
  const rows = [
    ['engine', 'sweep median (s)', 'runs (s)', 'idle sweep median (s)', 'longest stall (ms)', `target < ${SWEEP_TARGET_SECONDS} s`],
    ...results.map((r) => [
      r.engine,
      r.medianSweepSeconds.toFixed(3),
      r.sweepSeconds.map((s) => s.toFixed(3)).join(' / '),
      r.medianIdleSeconds.toFixed(3),
      Math.round(Math.max(...r.stallMs)).toString(),
      r.targetMet ? 'met' : 'MISSED',
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const { mysqlUrl } = serverSettings();
  console.log(
    `Service-target sweep: ${SWEEP_DATA.openTickets.toLocaleString('en')} open tickets (+${SWEEP_DATA.resolvedTickets.toLocaleString('en')} resolved), ` +
      `${expectedMarks().breached} due for a breach, ${expectedMarks().warned} for a warning; ${RUNS} runs per engine. ` +
      `${os.availableParallelism()} CPUs, Node ${process.version}.`,
  );
  const results: EngineResult[] = [];
  const failures: string[] = [];
  const engines: [string, () => Promise<SweepDatabase | { skipped: string }>][] = [
    ['sqlite', async () => sqliteSweepDatabase()],
    ['mariadb', () => mariaDbSweepDatabase(mysqlUrl)],
  ];
  for (const [engine, create] of engines) {
    const database = await create();
    if ('skipped' in database) {
      console.log(`\n${engine}: skipped (${database.skipped})`);
      continue;
    }
    try {
      results.push(await benchEngine(engine, database));
    } catch (error) {
      failures.push(engine);
      console.error(`  ${engine} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      await database.drop();
    }
  }
  console.log(`\n${table(results)}`);
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, JSON.stringify({ at: new Date().toISOString(), data: SWEEP_DATA, targetSeconds: SWEEP_TARGET_SECONDS, results }, null, 2));
  console.log(`\nwritten to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
