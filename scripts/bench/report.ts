import fs from 'node:fs';
import path from 'node:path';
import type { CapturedQuery } from './capture-sql';
import type { Measurement } from './run-autocannon';
import type { Scenario } from './scenarios';
import { type BenchSettings, TARGETS } from './settings';

/** One scenario on one engine: the app and the raw baseline under the same load. */
export interface ScenarioResult {
  engine: string;
  scenario: Scenario;
  url: string;
  /** What the app ran for it (and so the baseline too). */
  sql: CapturedQuery[];
  /** Items on the page and the total the app reported. */
  rows: number;
  total: number;
  app: Measurement;
  raw: Measurement;
}

export interface EngineReport {
  engine: string;
  label: string;
  status: 'measured' | 'skipped' | 'failed';
  reason?: string;
  dataset?: { schools: number; rooms: number; equipment: number; events: number; searchTerms: number; writeSeconds: number };
}

export interface Verdict {
  ratio: number;
  p95Met: boolean;
  ratioMet: boolean;
  /** No errors nor non-2xx answers on either side. */
  clean: boolean;
}

export function verdictOf(result: ScenarioResult): Verdict {
  const ratio = result.app.requestsPerSecond / result.raw.requestsPerSecond;
  const clean = [result.app, result.raw].every((m) => m.errors === 0 && m.non2xx === 0 && m.responses > 0);
  return { ratio, p95Met: clean && result.app.latency.p95 < TARGETS.p95Ms, ratioMet: clean && ratio >= TARGETS.minThroughputRatio, clean };
}

/** The busier of the two looks at the machine around a run. */
const background = (m: Measurement) => Math.max(m.backgroundCpu.before, m.backgroundCpu.after);

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '-');
const yesNo = (value: boolean) => (value ? 'yes' : 'NO');

/** The side-by-side table: one line for the app, one for the baseline, per engine and scenario. */
export function formatTable(results: ScenarioResult[]): string {
  const header = ['engine', 'scenario', 'server', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'errors', 'other CPU', 'app/raw', `p95<${TARGETS.p95Ms}ms`, `ratio>=${TARGETS.minThroughputRatio}`];
  const lines: string[][] = [];
  for (const result of results) {
    const verdict = verdictOf(result);
    for (const server of ['app', 'raw'] as const) {
      const m = result[server];
      const app = server === 'app';
      lines.push([
        result.engine,
        result.scenario.title,
        server,
        ms(m.latency.p50),
        ms(m.latency.p95),
        ms(m.latency.p99),
        Math.round(m.requestsPerSecond).toString(),
        (m.errors + m.non2xx).toString(),
        `${Math.round(background(m) * 100)}%`,
        app ? verdict.ratio.toFixed(2) : '',
        app ? yesNo(verdict.p95Met) : '',
        app ? yesNo(verdict.ratioMet) : '',
      ]);
    }
  }
  return renderTable(header, lines, new Set([3, 4, 5, 6, 7, 8, 9]));
}

/**
 * A header, a rule and the lines, in columns two spaces apart: the `numeric` columns (by index)
 * right-aligned, the others left-aligned; trailing spaces trimmed.
 */
export function renderTable(header: string[], lines: string[][], numeric: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const render = (cells: string[]) => cells.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render)].join('\n');
}

/** Share of the CPUs found busy around a run above which the numbers are suspect. */
const BUSY_MACHINE = 0.15;

/** Every bench's warning that other work kept up to `busiest` of the CPUs busy `when` it looked; empty at or below BUSY_MACHINE. */
export function busyMachineWarning(busiest: number, when: string): string {
  if (busiest <= BUSY_MACHINE) return '';
  return `WARNING: other processes kept up to ${Math.round(busiest * 100)}% of the CPUs busy ${when}: these numbers are not reliable.`;
}

/** A warning when other work kept the machine busy before some runs; empty otherwise. */
export function busyWarning(results: ScenarioResult[]): string {
  return busyMachineWarning(Math.max(0, ...results.flatMap((r) => [background(r.app), background(r.raw)])), 'around some runs');
}

/**
 * A report as indented JSON. Captured SQLite parameters are BigInts (the app binds integers so,
 * see data-source.ts), which JSON.stringify refuses: they are written as the numbers they are.
 */
export function writeReportFile(file: string, report: object): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value), 2) + '\n');
}

/** Writes everything measured, with the SQL, for later comparison. */
export function writeJson(file: string, settings: BenchSettings, engines: EngineReport[], results: ScenarioResult[]): void {
  const report = {
    generatedAt: new Date().toISOString(),
    settings,
    targets: TARGETS,
    engines,
    results: results.map((result) => ({ ...result, verdict: verdictOf(result) })),
    targetsMet: results.length > 0 && results.every((result) => {
      const verdict = verdictOf(result);
      return verdict.p95Met && verdict.ratioMet;
    }),
  };
  writeReportFile(file, report);
}
