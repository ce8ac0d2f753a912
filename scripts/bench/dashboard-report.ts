import os from 'node:os';
import type { CapturedQuery } from './capture-sql';
import type { ScaleManifest } from './dashboard-data';
import { busyMachineWarning, renderTable, writeReportFile } from './report';
import type { Distribution } from './tickets-stats';

/** The dashboard of one scope on one engine: sequential and concurrent timings, the checks, the SQL. */
export interface ViewResult {
  view: 'commune' | 'académie';
  url: string;
  targetP95Ms: number;
  /** The first request, which also fills the app's caches (a large scope's inventory summary). */
  firstMs: number;
  sequential: Distribution;
  concurrent: { clients: number; latency: Distribution; requestsPerSecond: number } | null;
  /** What the answer said, next to what the generator wrote. */
  answer: { schools: number; items: number; openIncidents: number; bytes: number };
  expected: { schools: number; items: number; openIncidents: number };
  /** Disagreements between the answer and the contract or the generated data; empty when it checks out. */
  problems: string[];
  /** Every statement a warm request ran, slowest first, each timed again on its own (median of 3). */
  statements: StatementTiming[];
  /** Statements only the first request ran (filling the caches), timed the same way. */
  coldOnly: StatementTiming[];
  /** Share of the CPUs busy in the idle second before the view's runs: other work on the machine. */
  otherCpu: number;
}

export interface StatementTiming extends CapturedQuery {
  medianMs: number;
  rows: number;
  /** The engine's plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on MariaDB), one line per step. */
  plan: string[];
  error?: string;
}

export interface EngineOutcome {
  engine: 'SQLite' | 'MariaDB';
  label: string;
  status: 'measured' | 'skipped' | 'failed';
  reason?: string;
  manifest?: ScaleManifest;
  reusedCache?: boolean;
  results: ViewResult[];
}

const viewMet = (result: ViewResult) => result.problems.length === 0 && result.sequential.p95 < result.targetP95Ms;

const ms = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value.toFixed(1) : '-');
const int = (value: number) => value.toLocaleString('en');

/** CPU model, cores, memory, Node: the figures mean little without them. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${os.availableParallelism()} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
}

const HEADER = ['engine', 'view', 'schools', 'items', 'tickets', '1st ms', 'p50 ms', 'p95 ms', 'max ms', 'n', 'conc. p95 ms', 'target', 'met', 'other CPU'];

/** One line per engine and view, as the other benches print theirs. */
export function formatTable(outcomes: EngineOutcome[]): string {
  const lines: string[][] = [];
  for (const outcome of outcomes) {
    if (outcome.status !== 'measured' && outcome.results.length === 0) {
      lines.push([outcome.engine, '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', outcome.status === 'skipped' ? 'skipped' : 'FAILED', '']);
      continue;
    }
    for (const r of outcome.results) {
      const sizes = r.view === 'commune' ? outcome.manifest!.city : outcome.manifest!.sizes;
      lines.push([
        outcome.engine,
        r.view,
        int(r.answer.schools),
        int(sizes.items),
        int(sizes.tickets),
        ms(r.firstMs),
        ms(r.sequential.p50),
        ms(r.sequential.p95),
        ms(r.sequential.max),
        String(r.sequential.count),
        r.concurrent ? `${ms(r.concurrent.latency.p95)} (×${r.concurrent.clients})` : '-',
        `p95 < ${int(r.targetP95Ms)} ms`,
        r.problems.length > 0 ? 'WRONG' : viewMet(r) ? 'yes' : 'NO',
        `${Math.round(r.otherCpu * 100)}%`,
      ]);
    }
  }
  return renderTable(HEADER, lines, new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 13]));
}

const oneLine = (sql: string, max: number) => {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** A plan with its repeated steps counted once (SQLite lists every branch of a multi-index OR). */
function condensed(plan: string[]): string[] {
  const counts = new Map<string, number>();
  for (const step of plan) if (!/^INDEX \d+$/.test(step)) counts.set(step, (counts.get(step) ?? 0) + 1);
  return [...counts].map(([step, count]) => (count > 1 ? `${step} (×${count})` : step));
}

/**
 * The slowest statements of each view, with the plan of those that take more than a tenth of
 * the view's target: where the time goes, for whoever tunes the queries.
 */
export function formatStatements(outcomes: EngineOutcome[], top = 4): string[] {
  const lines: string[] = [];
  for (const outcome of outcomes) {
    for (const r of outcome.results) {
      const total = (statements: StatementTiming[]) => ms(statements.reduce((sum, s) => sum + (s.medianMs || 0), 0));
      lines.push(`${outcome.engine}, ${r.view}: ${r.statements.length} statements a request, ${total(r.statements)} ms run one by one; slowest:`);
      for (const statement of r.statements.slice(0, top)) {
        lines.push(`  ${ms(statement.medianMs).padStart(8)} ms  ${int(statement.rows).padStart(6)} rows  ${oneLine(statement.sql, 150)}`);
        if (statement.error) lines.push(`      (could not run it again: ${statement.error})`);
        if (statement.medianMs > r.targetP95Ms / 10) for (const step of condensed(statement.plan)) lines.push(`      plan: ${step}`);
      }
      if (r.coldOnly.length > 0) lines.push(`  and ${r.coldOnly.length} more in the first request only (filling the caches), ${total(r.coldOnly)} ms run one by one`);
    }
  }
  return lines;
}

/** Answers that disagree with the data, and a busy machine. */
export function formatNotes(outcomes: EngineOutcome[]): string[] {
  const notes: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.reason) notes.push(`${outcome.engine}: ${outcome.status}: ${outcome.reason}`);
    for (const r of outcome.results) for (const problem of r.problems) notes.push(`${outcome.engine}, ${r.view}: ${problem}`);
  }
  const warning = busyMachineWarning(Math.max(0, ...outcomes.flatMap((o) => o.results.map((r) => r.otherCpu))), 'just before some runs');
  if (warning) notes.push(warning);
  return notes;
}

export function writeJson(file: string, outcomes: EngineOutcome[]): void {
  const report = {
    generatedAt: new Date().toISOString(),
    machine: machineLine(),
    engines: outcomes.map((outcome) => ({ ...outcome, results: outcome.results.map((r) => ({ ...r, met: viewMet(r) })) })),
    targetsMet: outcomes.some((o) => o.results.length > 0) && outcomes.every((o) => o.status !== 'failed' && o.results.every(viewMet)),
  };
  writeReportFile(file, report);
}
