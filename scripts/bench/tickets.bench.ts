/**
 * `npm run bench:tickets`: ticket creation under 50 concurrent clients, the breach sweep over
 * 200,000 open tickets (`npm run bench:sweep`, run as it is) and the delay of a live event to 500
 * sockets, on SQLite and on MariaDB, against the targets. See README.md here.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../server/src/db/migrate';
import { type BenchDatabase, createSqliteDatabase, withDataSource } from './bench-database';
import { busyCpu, measure } from './run-autocannon';
import { benchCreation } from './tickets-create.bench';
import { benchEvents } from './tickets-events.bench';
import { createTicketsMariaDb, prepareFixture } from './tickets-fixture';
import { type EngineOutcome, type Outcome, type SweepResult, allMet, busyWarning, formatNotes, formatTable, writeTicketsJson } from './tickets-report';
import { type TicketsServer, startTicketsServer } from './tickets-server';
import { TICKET_TARGETS, type TicketsSettings, loadTicketsSettings } from './tickets-settings';

const ROOT = path.resolve(__dirname, '../..');
const RESULTS_FILE = path.join(ROOT, 'test-results/bench/tickets.json');
const SWEEP_BENCH = path.join(__dirname, 'tickets-sweep.bench.ts');
const SWEEP_RESULTS = path.join(ROOT, 'test-results/bench/tickets-sweep.json');

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs a part, with the machine's load around it: others' work on the machine shows there. */
async function part<T>(title: string, run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    const loadBefore = os.loadavg();
    const otherCpuBefore = await busyCpu();
    const result = await run();
    return { status: 'measured', result, load: { loadBefore, loadAfter: os.loadavg(), otherCpuBefore } };
  } catch (error) {
    console.error(`  ${title} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { status: 'failed', reason: reasonOf(error) };
  }
}

/** A fresh server for each part: the events are not timed behind the creation run's leftover notifications. */
async function withServer<T>(database: BenchDatabase, settings: TicketsSettings, run: (server: TicketsServer) => Promise<T>): Promise<T> {
  const server = await startTicketsServer(database.appEnv, settings.appLogLevel);
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

async function benchEngine(outcome: EngineOutcome, database: BenchDatabase, settings: TicketsSettings): Promise<void> {
  console.log(`\n${outcome.engine}: ${database.label}`);
  await withDataSource(database, async (dataSource) => {
    await migrate(dataSource);
    const fixture = await prepareFixture(dataSource);
    outcome.dataset = { ...fixture.dataset, reporters: fixture.reporters.length };
    console.log(`  demo commune: ${fixture.dataset.schools} schools, ${fixture.dataset.equipment} items; a director's token for each school`);

    if (settings.parts.includes('create')) {
      outcome.creation = await part('creation', () => withServer(database, settings, (server) => benchCreation(server, dataSource, fixture, settings)));
      if (outcome.creation.status === 'measured') {
        const r = outcome.creation.result;
        console.log(`  creation: p95 ${r.latency.p95.toFixed(1)} ms, ${Math.round(r.createdPerSecond)} tickets/s, ${r.created} created, ${r.errors} errors`);
      }
      outcome.floor = await part('floor', () => withServer(database, settings, (server) => benchFloor(server, fixture.reporters[0]!.token, settings)));
      if (outcome.floor.status === 'measured') {
        const r = outcome.floor.result;
        console.log(`  floor (signed-in GET /health): p95 ${r.latency.p95.toFixed(1)} ms, ${Math.round(r.requestsPerSecond)} requests/s`);
      }
    }
    if (settings.parts.includes('events')) {
      outcome.events = await part('event delay', () => withServer(database, settings, (server) => benchEvents(server, fixture, settings)));
      if (outcome.events.status === 'measured') {
        const r = outcome.events.result;
        console.log(`  event delay: p95 ${r.delay.p95.toFixed(1)} ms over ${r.sockets} sockets × ${r.events} events, ${r.missing} missing`);
      }
    }
  });
}

/**
 * The same load on the cheapest signed-in request: GET /api/v1/health with a director's token runs
 * every middleware and the token lookup, then one SELECT 1. Creation cannot be faster than this.
 */
function benchFloor(server: TicketsServer, token: string, settings: TicketsSettings) {
  return measure(`${server.baseUrl}/api/v1/health`, {
    connections: settings.connections,
    durationSeconds: settings.durationSeconds,
    warmupSeconds: settings.warmupSeconds,
    headers: { authorization: `Bearer ${token}` },
  });
}

/** The parts asked for that an engine's failure left without a result. */
function failRemaining(outcome: EngineOutcome, settings: TicketsSettings, reason: string): void {
  if (settings.parts.includes('create')) {
    outcome.creation ??= { status: 'failed', reason };
    outcome.floor ??= { status: 'failed', reason };
  }
  if (settings.parts.includes('events')) outcome.events ??= { status: 'failed', reason };
}

/** Runs `npm run bench:sweep` as it is (it exports nothing) and reads what it wrote. */
async function benchSweep(settings: TicketsSettings): Promise<Map<string, Outcome<SweepResult>>> {
  console.log('\nBreach sweep: npm run bench:sweep');
  const startedAt = Date.now();
  const run = await part('breach sweep', () =>
    new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', SWEEP_BENCH], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, BENCH_MYSQL_URL: settings.mysqlUrl } });
      child.once('error', reject);
      child.once('exit', resolve);
    }),
  );
  if (run.status !== 'measured') return new Map([['SQLite', run], ['MariaDB', run]]);
  const { result: code, load } = run;
  const outcomes = new Map<string, Outcome<SweepResult>>();
  const report = fs.existsSync(SWEEP_RESULTS) ? (JSON.parse(fs.readFileSync(SWEEP_RESULTS, 'utf8')) as { at: string; results: SweepResult[] }) : null;
  const fresh = report !== null && Date.parse(report.at) >= startedAt;
  for (const [engine, name] of [['sqlite', 'SQLite'], ['mariadb', 'MariaDB']] as const) {
    const result = fresh ? report.results.find((r) => r.engine === engine) : undefined;
    if (result) outcomes.set(name, { status: 'measured', result, load });
    else if (code !== 0 || !fresh) outcomes.set(name, { status: 'failed', reason: `bench:sweep exited with ${code} and no result for ${engine} (its output is above)` });
    else outcomes.set(name, { status: 'skipped', reason: 'bench:sweep skipped it (its output is above)' });
  }
  return outcomes;
}

async function main(): Promise<void> {
  const settings = loadTicketsSettings();
  const loadAtStart = os.loadavg();
  console.log(
    `Tickets benchmark (${settings.parts.join(', ')}): autocannon ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + about ${settings.durationSeconds} s; ` +
      `${settings.sockets} sockets × ${settings.events} events; app LOG_LEVEL=${settings.appLogLevel}; ${settings.cpus} CPUs, Node ${settings.node}; ` +
      `load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const outcomes: EngineOutcome[] = [];
  if (settings.parts.includes('create') || settings.parts.includes('events')) {
    const sqlite = createSqliteDatabase();
    const outcome: EngineOutcome = { engine: 'SQLite', label: sqlite.label };
    outcomes.push(outcome);
    try {
      await benchEngine(outcome, sqlite, settings);
    } catch (error) {
      console.error(`SQLite failed: ${reasonOf(error)}`);
      failRemaining(outcome, settings, reasonOf(error));
    } finally {
      await sqlite.drop();
    }

    const mariadb = await createTicketsMariaDb(settings.mysqlUrl);
    if ('skipped' in mariadb) {
      console.log(`\nMariaDB skipped: ${mariadb.skipped}`);
      const skipped = { status: 'skipped', reason: mariadb.skipped } as const;
      outcomes.push({
        engine: 'MariaDB',
        label: settings.mysqlUrl,
        ...(settings.parts.includes('create') ? { creation: skipped, floor: skipped } : {}),
        ...(settings.parts.includes('events') ? { events: skipped } : {}),
      });
    } else {
      const outcome: EngineOutcome = { engine: 'MariaDB', label: mariadb.label };
      outcomes.push(outcome);
      try {
        await benchEngine(outcome, mariadb, settings);
      } catch (error) {
        console.error(`MariaDB failed: ${reasonOf(error)}`);
        failRemaining(outcome, settings, reasonOf(error));
      } finally {
        await mariadb.drop();
      }
    }
  }

  if (settings.parts.includes('sweep')) {
    const sweeps = await benchSweep(settings);
    for (const engine of ['SQLite', 'MariaDB'] as const) {
      let outcome = outcomes.find((o) => o.engine === engine);
      if (!outcome) outcomes.push((outcome = { engine, label: engine }));
      outcome.sweep = sweeps.get(engine)!;
    }
  }

  const loadAtEnd = os.loadavg();
  console.log(`\n${formatTable(outcomes)}\n`);
  for (const note of formatNotes(outcomes, settings)) console.log(note);
  console.log(allMet(outcomes) ? 'Every target measured is met.' : 'Some targets are missed or could not be measured.');
  console.log(
    `Targets: creation p95 < ${TICKET_TARGETS.creationP95Ms} ms with every ticket accounted for; sweep median < ${TICKET_TARGETS.sweepSeconds} s; ` +
      `event p95 < ${TICKET_TARGETS.eventP95Ms} ms with every socket served. Load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, ` +
      `at end ${loadAtEnd.map((l) => l.toFixed(2)).join(' ')} on ${settings.cpus} CPUs.`,
  );
  const warning = busyWarning(outcomes);
  if (warning) console.log(warning);
  writeTicketsJson(RESULTS_FILE, settings, { before: loadAtStart, after: loadAtEnd }, outcomes);
  console.log(`Results written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  // A missed target is a result; a part that could not run, a ticket not accounted for or a socket not served is a failure.
  const failed = outcomes.some(
    (o) =>
      [o.creation, o.sweep, o.events].some((p) => p?.status === 'failed') ||
      (o.creation?.status === 'measured' && !o.creation.result.checked) ||
      (o.events?.status === 'measured' && o.events.result.missing + o.events.result.strays > 0),
  );
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
