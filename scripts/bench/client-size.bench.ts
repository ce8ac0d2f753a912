/**
 * `npm run bench:client`: the JavaScript a first visit of each main route downloads, from the
 * production build's manifest. Fails (exit code 1) when the teacher's report page is over budget.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ensureClientBuilt } from '../../test/e2e/client-build';
import type { FirstLoad } from '../../test/e2e/support/first-load';
import { FIRST_LOAD_DIR } from '../../test/e2e/support/first-load';
import {
  REPORT_ROUTE_NAMES,
  REPORT_BUDGET_BYTES,
  type ClientManifest,
  type RouteSize,
  firstLoadFiles,
  readRoutes,
} from './client-size';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'client/dist');
const RESULTS_FILE = path.join(ROOT, 'test-results/bench/client-size.json');

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
/** `assets/BaseButton-DOZfcC10.js` → `assets/BaseButton`: the name without Rollup's 8-character hash. */
const chunkName = (file: string) => file.replace(/-[\w-]{8}\.js$/, '');

function sizeOf(file: string, cache: Map<string, { raw: number; gzip: number }>) {
  let size = cache.get(file);
  if (!size) {
    const body = fs.readFileSync(path.join(DIST, file));
    // Level 9, as the browser tests count what the page downloaded.
    size = { raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
    cache.set(file, size);
  }
  return size;
}

/** The browser tests' own count of some pages, to check this one against. */
function browserMeasurements(): FirstLoad[] {
  if (!fs.existsSync(FIRST_LOAD_DIR)) return [];
  return fs
    .readdirSync(FIRST_LOAD_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(fs.readFileSync(path.join(FIRST_LOAD_DIR, name), 'utf8')) as FirstLoad);
}

async function main(): Promise<void> {
  await ensureClientBuilt();
  const manifestFile = path.join(DIST, '.vite/manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${path.relative(ROOT, manifestFile)} is missing: is build.manifest on in client/vite.config.ts?`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as ClientManifest;
  const { routes, unparsed } = readRoutes(fs.readFileSync(path.join(ROOT, 'client/src/app/router.ts'), 'utf8'));

  const cache = new Map<string, { raw: number; gzip: number }>();
  const results: RouteSize[] = routes.map((route) => {
    const files = firstLoadFiles(manifest, route.view);
    const sizes = files.map((file) => sizeOf(file, cache));
    const gzipBytes = sizes.reduce((sum, size) => sum + size.gzip, 0);
    const budgeted = REPORT_ROUTE_NAMES.includes(route.name);
    return {
      ...route,
      files,
      rawBytes: sizes.reduce((sum, size) => sum + size.raw, 0),
      gzipBytes,
      ...(budgeted ? { budgetBytes: REPORT_BUDGET_BYTES, withinBudget: gzipBytes <= REPORT_BUDGET_BYTES } : {}),
    };
  });

  const width = Math.max(...results.map((result) => result.path.length), 5);
  console.log(`\nFirst-visit JavaScript per route (client/dist, gzip level 9)\n`);
  console.log(`${'route'.padEnd(width)}  ${'name'.padEnd(20)} files   raw KB  gzip KB`);
  for (const result of results) {
    const flag = result.budgetBytes ? (result.withinBudget ? `  ok, budget ${kb(result.budgetBytes)} KB` : `  OVER BUDGET (${kb(result.budgetBytes)} KB)`) : '';
    console.log(
      `${result.path.padEnd(width)}  ${result.name.padEnd(20)} ${String(result.files.length).padStart(5)} ${kb(result.rawBytes).padStart(8)} ${kb(result.gzipBytes).padStart(8)}${flag}`,
    );
  }
  for (const source of unparsed) console.log(`Not counted (a route this script could not read): ${source}`);

  const measured = browserMeasurements();
  if (measured.length === 0) console.log('\nNo browser measurement to compare with: run `npx jest test/e2e` first.');
  for (const load of measured) {
    const result = results.find((candidate) => candidate.path === load.page);
    if (!result) continue;
    const fetched = load.scripts.map((script) => script.path.replace(/^\//, ''));
    console.log(
      `\nCross-check ${load.page}: the browser test downloaded ${load.scripts.length} scripts, ${kb(load.gzippedBytes)} KB gzipped; this count: ${result.files.length} files, ${kb(result.gzipBytes)} KB.`,
    );
    if (fetched.every((file) => result.files.includes(file)) && fetched.length === result.files.length) {
      console.log('  the same files.');
      continue;
    }
    // Content hashes differ when the client was rebuilt since that test ran: compare chunk names.
    const fetchedNames = fetched.map(chunkName);
    const countedNames = result.files.map(chunkName);
    const missed = fetchedNames.filter((name) => !countedNames.includes(name));
    const extra = countedNames.filter((name) => !fetchedNames.includes(name));
    if (missed.length === 0 && extra.length === 0) console.log('  the same chunks, from an older build (run `npx jest test/e2e` again for its sizes).');
    if (missed.length > 0) console.log(`  downloaded but not counted here: ${missed.join(', ')}`);
    if (extra.length > 0) console.log(`  counted here but not downloaded: ${extra.join(', ')}`);
  }

  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, JSON.stringify({ measuredAt: new Date().toISOString(), gzipLevel: 9, routes: results }, null, 2));
  console.log(`\nResults written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  if (results.some((result) => result.withinBudget === false)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
