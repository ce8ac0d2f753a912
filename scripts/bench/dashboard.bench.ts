/**
 * `npm run bench:dashboard`: the fleet dashboard (`GET /api/v1/dashboard/fleet`) of a commune of
 * 44 schools, 5,000 items and 50,000 tickets, and of an académie of 4,000 schools, 200,000 items
 * and 1,000,000 tickets, on SQLite and on MariaDB, against the issue's targets (commune p95 under
 * 100 ms, académie p95 under 1 s). The data comes from the scale generator (dashboard-data.ts);
 * the app runs in a child process as in production, with an administrator's token. Each answer is
 * checked against the contract and the generated figures before it is timed, and every statement
 * it ran is timed again on its own, with its plan. See README.md here.
 */
import path from 'node:path';
import { FleetDashboard } from '@preau/shared';
import type { DataSource } from 'typeorm';
import { engineOf } from '../../server/src/db/data-source';
import { adminToken } from './admin-token';
import { redact, withDataSource } from './bench-database';
import type { CapturedQuery } from './capture-sql';
import { type ScaleDatabase, mariaDbScaleDatabase, sqliteScaleDatabase } from './dashboard-database';
import type { ScaleManifest } from './dashboard-data';
import { ACADEMY_PROFILE, PROFILES, type ScaleProfile } from './dashboard-profile';
import { type EngineOutcome, type StatementTiming, type ViewResult, formatNotes, formatStatements, formatTable, machineLine, writeJson } from './dashboard-report';
import { busyCpu } from './run-autocannon';
import { type RunningServer, startServerProcess } from './server-process';
import { type ServerSettings, serverSettings } from './settings';
import { distribution } from './tickets-stats';

const RESULTS_FILE = path.resolve(__dirname, '../../test-results/bench/dashboard.json');
const DASHBOARD_PATH = '/api/v1/dashboard/fleet';

interface ViewPlan {
  view: ViewResult['view'];
  query: string;
  targetP95Ms: number;
  warmup: number;
  samples: number;
  concurrency: { clients: number; each: number };
  expected: ViewResult['expected'];
  scope: { kind: 'commune' | 'academy'; id: number };
}

interface Settings extends ServerSettings {
  profile: ScaleProfile;
  engines: ('sqlite' | 'mariadb')[];
  fresh: boolean;
}

function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const profile = PROFILES[env.BENCH_PROFILE ?? ACADEMY_PROFILE.name];
  if (!profile) throw new Error(`BENCH_PROFILE must be one of ${Object.keys(PROFILES).join(', ')}, not "${env.BENCH_PROFILE}"`);
  const engines = (env.BENCH_ENGINES ?? 'sqlite,mariadb').split(',').map((e) => e.trim());
  for (const engine of engines) if (engine !== 'sqlite' && engine !== 'mariadb') throw new Error(`BENCH_ENGINES lists sqlite and mariadb, not "${engine}"`);
  return {
    profile,
    engines: engines as Settings['engines'],
    fresh: env.BENCH_DASHBOARD_FRESH === '1',
    ...serverSettings(env),
  };
}

function viewsOf(manifest: ScaleManifest): ViewPlan[] {
  return [
    {
      view: 'commune',
      query: `communeId=${manifest.city.communeId}`,
      targetP95Ms: 100,
      warmup: 3,
      samples: 50,
      concurrency: { clients: 4, each: 10 },
      expected: { schools: manifest.city.schools, items: manifest.city.itemsNotRetired, openIncidents: manifest.city.openTickets },
      scope: { kind: 'commune', id: manifest.city.communeId },
    },
    {
      view: 'académie',
      query: `academyId=${manifest.academyId}`,
      targetP95Ms: 1000,
      warmup: 2,
      samples: 20,
      concurrency: { clients: 4, each: 2 },
      expected: { schools: manifest.sizes.schools, items: manifest.sizes.itemsNotRetired, openIncidents: manifest.sizes.openTickets },
      scope: { kind: 'academy', id: manifest.academyId },
    },
  ];
}

/** Times one request, body included; anything but 200 stops the run. */
async function timedGet(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 300)}`);
  return elapsed;
}

async function sequentialRun(url: string, headers: Record<string, string>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(await timedGet(url, headers));
  return times;
}

async function concurrentRun(url: string, headers: Record<string, string>, clients: number, each: number) {
  const started = performance.now();
  const perClient = await Promise.all(Array.from({ length: clients }, () => sequentialRun(url, headers, each)));
  const seconds = (performance.now() - started) / 1000;
  return { clients, latency: distribution(perClient.flat()), requestsPerSecond: (clients * each) / seconds };
}

/** What is wrong with an answer: the contract (zod), the scope, and the figures the generator wrote. */
function checkAnswer(body: string, plan: ViewPlan): { problems: string[]; answer: ViewResult['answer'] } {
  const parsed = FleetDashboard.safeParse(JSON.parse(body));
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return { problems: [`the answer does not match FleetDashboard: ${issues.join('; ')}`], answer: { schools: NaN, items: NaN, openIncidents: NaN, bytes: body.length } };
  }
  const dashboard = parsed.data;
  const answer = { schools: dashboard.totals.schools, items: dashboard.totals.items, openIncidents: dashboard.totals.openIncidents.total, bytes: Buffer.byteLength(body) };
  const problems: string[] = [];
  if (dashboard.scope.kind !== plan.scope.kind || dashboard.scope.id !== plan.scope.id) problems.push(`scope is ${dashboard.scope.kind} ${dashboard.scope.id}, not ${plan.scope.kind} ${plan.scope.id}`);
  for (const key of ['schools', 'items', 'openIncidents'] as const) {
    if (answer[key] !== plan.expected[key]) problems.push(`${key}: the dashboard says ${answer[key]}, the generator wrote ${plan.expected[key]}`);
  }
  if (dashboard.schools.total !== plan.expected.schools) problems.push(`the school list counts ${dashboard.schools.total} schools, not ${plan.expected.schools}`);
  return { problems, answer };
}

const SELECT = /^\s*(SELECT|WITH)\b/i;

/** Each SELECT the request ran, again on its own through a connection of the bench (median of 3), with its plan. */
async function timeStatements(dataSource: DataSource, queries: CapturedQuery[]): Promise<StatementTiming[]> {
  const sqlite = engineOf(dataSource) === 'sqlite';
  const timings: StatementTiming[] = [];
  for (const query of queries.filter((q) => SELECT.test(q.sql))) {
    try {
      const runs: number[] = [];
      let rows = 0;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const result = (await dataSource.query(query.sql, query.parameters)) as unknown[];
        runs.push(performance.now() - started);
        rows = result.length;
      }
      const explained = (await dataSource.query(`${sqlite ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${query.sql}`, query.parameters)) as Record<string, unknown>[];
      const plan = explained.map((step) =>
        sqlite ? String(step.detail) : `${step.table} ${step.type} key=${step.key ?? '-'} rows=${step.rows} ${step.Extra ?? ''}`.trim(),
      );
      timings.push({ ...query, medianMs: runs.sort((a, b) => a - b)[1]!, rows, plan });
    } catch (error) {
      timings.push({ ...query, medianMs: NaN, rows: 0, plan: [], error: error instanceof Error ? error.message : String(error) });
    }
  }
  return timings.sort((a, b) => (b.medianMs || 0) - (a.medianMs || 0));
}

async function benchView(server: RunningServer, database: ScaleDatabase, headers: Record<string, string>, plan: ViewPlan): Promise<ViewResult> {
  const url = `${DASHBOARD_PATH}?${plan.query}`;
  const otherCpu = await busyCpu();
  // The first request: its answer is checked; it fills the caches (a large scope's inventory summary).
  const firstStarted = performance.now();
  const first = await server.capture(url, headers);
  const firstMs = performance.now() - firstStarted;
  if (first.status !== 200) throw new Error(`${url} answered ${first.status}: ${first.body.slice(0, 300)}`);
  const { problems, answer } = checkAnswer(first.body, plan);
  console.log(`  ${plan.view}: ${answer.schools} schools, ${answer.items} items, ${answer.openIncidents} open incidents, ${answer.bytes.toLocaleString('en')} bytes${problems.length ? ` (${problems.length} problems)` : ''}; first request ${firstMs.toFixed(0)} ms`);
  await sequentialRun(server.baseUrl + url, headers, plan.warmup);
  const sequential = distribution(await sequentialRun(server.baseUrl + url, headers, plan.samples));
  console.log(`    ${plan.samples} sequential: p50 ${sequential.p50.toFixed(1)} ms, p95 ${sequential.p95.toFixed(1)} ms, max ${sequential.max.toFixed(1)} ms`);
  const { clients, each } = plan.concurrency;
  const concurrent = await concurrentRun(server.baseUrl + url, headers, clients, each);
  console.log(`    ${clients} clients × ${each}: p50 ${concurrent.latency.p50.toFixed(1)} ms, p95 ${concurrent.latency.p95.toFixed(1)} ms, ${concurrent.requestsPerSecond.toFixed(1)} req/s`);
  // The SQL of a warm request, as every sample ran it; the first one's extra statements are the caches being filled.
  const warm = await server.capture(url, headers);
  const warmSql = new Set(warm.queries.map((query) => query.sql));
  const { statements, coldOnly } = await withDataSource(database, async (dataSource) => ({
    statements: await timeStatements(dataSource, warm.queries),
    coldOnly: await timeStatements(dataSource, first.queries.filter((query) => !warmSql.has(query.sql))),
  }));
  return { view: plan.view, url, targetP95Ms: plan.targetP95Ms, firstMs, sequential, concurrent, answer, expected: plan.expected, problems, statements, coldOnly, otherCpu };
}

async function benchEngine(engine: 'sqlite' | 'mariadb', settings: Settings): Promise<EngineOutcome> {
  const name = engine === 'sqlite' ? 'SQLite' : 'MariaDB';
  console.log(`\n${name}:`);
  const started = performance.now();
  let database: ScaleDatabase | { skipped: string };
  try {
    database =
      engine === 'sqlite'
        ? await sqliteScaleDatabase(settings.profile, { fresh: settings.fresh, log: console.log })
        : await mariaDbScaleDatabase(settings.mysqlUrl, settings.profile, console.log);
  } catch (error) {
    return { engine: name, label: name, status: 'failed', reason: `generation failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, results: [] };
  }
  if ('skipped' in database) {
    console.log(`  skipped: ${database.skipped}`);
    return { engine: name, label: redact(settings.mysqlUrl), status: 'skipped', reason: database.skipped, results: [] };
  }
  const { manifest } = database;
  console.log(`  ${database.label}: ready in ${((performance.now() - started) / 1000).toFixed(1)} s${database.reused ? ' (from the cache)' : `, generated in ${manifest.seconds.total} s (${manifest.cpuSeconds} s of CPU in the bench process)`}`);
  const outcome: EngineOutcome = { engine: name, label: database.label, status: 'measured', manifest, reusedCache: database.reused, results: [] };
  let server: RunningServer | undefined;
  try {
    const headers = { authorization: `Bearer ${await adminToken(database)}` };
    server = await startServerProcess({
      kind: 'app',
      env: { ...database.appEnv, NODE_ENV: 'production', LOG_LEVEL: settings.appLogLevel, DEMO_DATA: 'off' },
    });
    for (const plan of viewsOf(manifest)) outcome.results.push(await benchView(server, database, headers, plan));
  } catch (error) {
    outcome.status = 'failed';
    outcome.reason = error instanceof Error ? error.message : String(error);
    console.error(`  ${name} failed: ${outcome.reason}`);
  } finally {
    await server?.stop();
    await database.drop();
  }
  return outcome;
}

function describeData(manifest: ScaleManifest): string {
  const s = manifest.sizes;
  const n = (value: number) => value.toLocaleString('en');
  return (
    `${n(s.schools)} schools in ${n(s.communes)} communes and ${n(s.circonscriptions)} circonscriptions, ${n(s.rooms)} rooms, ${n(s.items)} items ` +
    `(${n(s.searchTerms)} search terms), ${n(s.mobileClassPlans)} mobile-class plans, ${n(s.tickets)} tickets (${n(s.openTickets)} open); ` +
    `the commune "${manifest.city.name}": ${n(manifest.city.schools)} schools, ${n(manifest.city.items)} items, ${n(manifest.city.tickets)} tickets (${n(manifest.city.openTickets)} open). ` +
    `Data of ${manifest.generatedOn}.`
  );
}

async function main(): Promise<void> {
  const settings = loadSettings();
  const { profile } = settings;
  console.log(
    `Fleet dashboard: the commune view over ${profile.city.schools} schools, ${profile.city.items.toLocaleString('en')} items, ${profile.city.tickets.toLocaleString('en')} tickets; ` +
      `the académie view over ${profile.schools.toLocaleString('en')} schools, ${profile.items.toLocaleString('en')} items, ${profile.tickets.toLocaleString('en')} tickets (profile "${profile.name}").`,
  );
  console.log(`Machine: ${machineLine()}.`);
  const outcomes: EngineOutcome[] = [];
  for (const engine of settings.engines) outcomes.push(await benchEngine(engine, settings));

  const measured = outcomes.find((o) => o.manifest);
  if (measured?.manifest) console.log(`\nData: ${describeData(measured.manifest)}`);
  console.log(`\n${formatTable(outcomes)}`);
  const statements = formatStatements(outcomes);
  if (statements.length > 0) console.log(`\nWhere the time goes (each statement of one request, run again on its own):\n${statements.join('\n')}`);
  const notes = formatNotes(outcomes);
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
  writeJson(RESULTS_FILE, outcomes);
  console.log(`\nwritten to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  if (outcomes.some((o) => o.status === 'failed' || o.results.some((r) => r.problems.length > 0))) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
