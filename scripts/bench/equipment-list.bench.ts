/**
 * `npm run bench`: the equipment list under load, on SQLite and on MariaDB, side by side
 * with a raw baseline running the same SQL through the bare driver. See README.md here.
 */
import path from 'node:path';
import type { MysqlDataSourceOptions } from 'typeorm/driver/mysql/MysqlDataSourceOptions';
import type { SeedDataset } from '../../db/seeds/lib/dataset';
import { migrate } from '../../server/src/db/migrate';
import { adminToken } from './admin-token';
import { type BenchDatabase, createMariaDbDatabase, createSqliteDatabase, withDataSource } from './bench-database';
import { listStatements } from './capture-sql';
import { generateFleet, writeFleet } from './generate-fleet';
import type { RawMysqlOptions, RawRoute } from './raw-baseline';
import { type EngineReport, type ScenarioResult, busyWarning, formatTable, verdictOf, writeJson } from './report';
import { type LoadOptions, type Measurement, measure } from './run-autocannon';
import { LIST_PATH, type Scenario, freeTextScenario, schoolAndKindScenario, serialCandidates } from './scenarios';
import { type RunningServer, startServerProcess } from './server-process';
import { type BenchSettings, FLEET, TARGETS, loadSettings } from './settings';

const RESULTS_FILE = path.resolve(__dirname, '../../test-results/bench/equipment-list.json');

/**
 * The headers of every request sent to the app (never to the raw baseline): this is the
 * one place to set them. Authentication is coming: every /api/v1 route will require
 * `Authorization: Bearer <token>`. Get a token here (create an account with a token in
 * `app.database`, or sign in against `app.baseUrl`) and return
 * `{ authorization: \`Bearer ${token}\` }`. Called once each time the app server starts;
 * the scenarios are picked and the SQL captured with these headers too.
 */
async function appHeaders(app: { baseUrl: string; database: BenchDatabase }): Promise<Record<string, string>> {
  const token = await adminToken(app.database);
  return { authorization: `Bearer ${token}` };
}

interface Page {
  items: Record<string, unknown>[];
  total: number;
  page: number;
  pageSize: number;
}

/** A scenario as the app answered it, with the SQL it ran: the baseline's input and its expected answer. */
interface Captured {
  scenario: Scenario;
  url: string;
  route: RawRoute;
  ids: number[];
  total: number;
}

/** Migrates, writes the fleet, and reads what the scenarios are made of. */
function prepare(database: BenchDatabase, data: SeedDataset) {
  return withDataSource(database, async (dataSource) => {
    await migrate(dataSource);
    const started = performance.now();
    const written = await writeFleet(dataSource, data);
    const writeSeconds = Math.round((performance.now() - started) / 100) / 10;
    console.log(
      `  wrote ${written.schools} schools, ${written.rooms} rooms, ${written.equipment} items, ` +
        `${written.events} history events, ${written.searchTerms} search terms in ${writeSeconds} s`,
    );
    const options = dataSource.options as MysqlDataSourceOptions;
    // The baseline's pool gets the app's pool size and connection options.
    const mysql: RawMysqlOptions | undefined =
      database.engine === 'mariadb'
        ? { connectionLimit: options.poolSize ?? 10, charset: options.charset, timezone: options.timezone, dateStrings: options.dateStrings }
        : undefined;
    const { schools, rooms, equipment, events, searchTerms } = written;
    return {
      schoolAndKind: await schoolAndKindScenario(dataSource),
      serials: await serialCandidates(dataSource),
      mysql,
      dataset: { schools, rooms, equipment, events, searchTerms, writeSeconds },
    };
  });
}

function parsePage(url: string, status: number, body: string): Page {
  if (status !== 200) throw new Error(`GET ${url} answered ${status}: ${body.slice(0, 300)}`);
  return JSON.parse(body) as Page;
}

/** Asks the app for each scenario, keeping its answer and the list's SQL. */
async function captureScenarios(app: RunningServer, headers: Record<string, string>, scenarios: Scenario[]): Promise<Captured[]> {
  const captured: Captured[] = [];
  for (const scenario of scenarios) {
    const url = LIST_PATH + scenario.search;
    const reply = await app.capture(url, headers);
    const page = parsePage(url, reply.status, reply.body);
    const queries = listStatements(reply.queries);
    if (queries.length === 0) throw new Error(`GET ${url} ran no SELECT … FROM equipment e: the capture no longer matches the app`);
    captured.push({
      scenario,
      url,
      route: { url, queries, page: page.page, pageSize: page.pageSize },
      ids: page.items.map((item) => Number(item.id)),
      total: page.total,
    });
  }
  return captured;
}

/** Fails loudly unless the baseline answers the app's page: the same ids, in the same order, and the same total. */
async function checkRawAnswers(raw: RunningServer, captured: Captured[]): Promise<void> {
  for (const { url, ids, total } of captured) {
    const response = await fetch(raw.baseUrl + url);
    const page = parsePage(url, response.status, await response.text());
    const rawIds = page.items.map((row) => Number(row.e_id));
    if (page.total !== total || rawIds.join() !== ids.join()) {
      throw new Error(`raw baseline answered ${rawIds.length} rows of ${page.total} for ${url}, the app ${ids.length} of ${total}`);
    }
  }
}

async function loadEach(server: RunningServer, label: string, captured: Captured[], load: LoadOptions): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  for (const { scenario, url } of captured) {
    const m = await measure(server.baseUrl + url, load);
    console.log(`  ${label} ${scenario.title}: p95 ${m.latency.p95.toFixed(2)} ms, ${Math.round(m.requestsPerSecond)} req/s`);
    measurements.push(m);
  }
  return measurements;
}

async function benchEngine(name: string, database: BenchDatabase, data: SeedDataset, settings: BenchSettings) {
  console.log(`\n${name}: ${database.label}`);
  const prepared = await prepare(database, data);
  const loadOptions = (headers: Record<string, string>): LoadOptions => ({
    connections: settings.connections,
    durationSeconds: settings.durationSeconds,
    warmupSeconds: settings.warmupSeconds,
    headers,
  });

  // The app as it runs in production (NODE_ENV=production), request log included.
  const app = await startServerProcess({
    kind: 'app',
    env: { ...database.appEnv, NODE_ENV: 'production', LOG_LEVEL: settings.appLogLevel, DEMO_DATA: 'off' },
  });
  let captured: Captured[];
  let appMeasurements: Measurement[];
  try {
    const headers = await appHeaders({ baseUrl: app.baseUrl, database });
    const totalFor = async (search: string) => {
      const url = `${LIST_PATH}${search}&pageSize=1`;
      const response = await fetch(app.baseUrl + url, { headers });
      return parsePage(url, response.status, await response.text()).total;
    };
    const scenarios = [prepared.schoolAndKind, await freeTextScenario(prepared.serials, totalFor)];
    for (const scenario of scenarios) console.log(`  ${scenario.title}: ${scenario.note}`);
    captured = await captureScenarios(app, headers, scenarios);
    appMeasurements = await loadEach(app, 'app', captured, loadOptions(headers));
  } finally {
    await app.stop();
  }

  const raw = await startServerProcess({ kind: 'raw', spec: { database: database.config, mysql: prepared.mysql, routes: captured.map((c) => c.route) } });
  let rawMeasurements: Measurement[];
  try {
    await checkRawAnswers(raw, captured);
    rawMeasurements = await loadEach(raw, 'raw', captured, loadOptions({}));
  } finally {
    await raw.stop();
  }

  const results: ScenarioResult[] = captured.map((c, i) => ({
    engine: name,
    scenario: c.scenario,
    url: c.url,
    sql: c.route.queries,
    rows: c.ids.length,
    total: c.total,
    app: appMeasurements[i]!,
    raw: rawMeasurements[i]!,
  }));
  const report: EngineReport = { engine: name, label: database.label, status: 'measured', dataset: prepared.dataset };
  return { report, results };
}

async function main(): Promise<void> {
  const settings = loadSettings();
  console.log(
    `Equipment list benchmark: ${FLEET.schools} schools, ${FLEET.items} items; autocannon ${settings.connections} connections, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s per run; app LOG_LEVEL=${settings.appLogLevel}; ` +
      `${settings.cpus} CPUs, Node ${settings.node}`,
  );
  const data = generateFleet(FLEET);
  const engines: EngineReport[] = [];
  const results: ScenarioResult[] = [];

  const run = async (name: string, database: BenchDatabase) => {
    try {
      const outcome = await benchEngine(name, database, data, settings);
      engines.push(outcome.report);
      results.push(...outcome.results);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`${name} failed: ${reason}`);
      engines.push({ engine: name, label: database.label, status: 'failed', reason });
    } finally {
      await database.drop();
    }
  };

  await run('SQLite', createSqliteDatabase());
  const mariadb = await createMariaDbDatabase(settings.mysqlUrl);
  if ('skipped' in mariadb) {
    console.log(`\nMariaDB skipped: ${mariadb.skipped}`);
    engines.push({ engine: 'MariaDB', label: settings.mysqlUrl, status: 'skipped', reason: mariadb.skipped });
  } else {
    await run('MariaDB', mariadb);
  }

  console.log(results.length > 0 ? `\n${formatTable(results)}\n` : '\nNo results: every engine failed or was skipped.\n');
  for (const result of results) {
    const verdict = verdictOf(result);
    const status = verdict.p95Met && verdict.ratioMet ? 'met   ' : 'MISSED';
    console.log(`${status} ${result.engine}, ${result.scenario.title}: ${result.rows} items of ${result.total} per page (${result.url})`);
  }
  console.log(`Targets: app p95 < ${TARGETS.p95Ms} ms, and app req/s at least ${TARGETS.minThroughputRatio} x the raw baseline's.`);
  const warning = busyWarning(results);
  if (warning) console.log(warning);
  writeJson(RESULTS_FILE, settings, engines, results);
  console.log(`Results written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  if (engines.some((engine) => engine.status === 'failed')) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
