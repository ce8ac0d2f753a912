import os from 'node:os';
import { busyMachineWarning, renderTable, writeReportFile } from './report';
import type { CreationResult } from './tickets-create.bench';
import type { EventResult } from './tickets-events.bench';
import type { Measurement } from './run-autocannon';
import { TICKET_TARGETS, type TicketsSettings } from './tickets-settings';
import type { MachineLoad } from './tickets-stats';

/** One engine's result in tickets-sweep.json, as `npm run bench:sweep` writes it. */
export interface SweepResult {
  engine: string;
  label: string;
  writeSeconds: number;
  sweepSeconds: number[];
  idleSeconds: number[];
  medianSweepSeconds: number;
  medianIdleSeconds: number;
  targetMet: boolean;
}

export type Outcome<T> = { status: 'measured'; result: T; load: MachineLoad } | { status: 'failed' | 'skipped'; reason: string };

export interface EngineOutcome {
  engine: 'SQLite' | 'MariaDB';
  label: string;
  dataset?: { schools: number; equipment: number; reporters: number };
  creation?: Outcome<CreationResult>;
  /** A signed-in request that does next to nothing, under the creation run's load: what no request can beat there. */
  floor?: Outcome<Measurement>;
  sweep?: Outcome<SweepResult>;
  events?: Outcome<EventResult>;
}

export const creationMet = (r: CreationResult) => r.checked && r.latency.p95 < TICKET_TARGETS.creationP95Ms;
export const sweepMet = (r: SweepResult) => r.medianSweepSeconds < TICKET_TARGETS.sweepSeconds;
export const eventsMet = (r: EventResult) => r.missing === 0 && r.delay.p95 < TICKET_TARGETS.eventP95Ms;

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '-');
const int = (value: number) => Math.round(value).toLocaleString('en');
const loadCell = (load: MachineLoad) => `${load.loadBefore[0]!.toFixed(1)}→${load.loadAfter[0]!.toFixed(1)} (${Math.round(load.otherCpuBefore * 100)}%)`;

const FLOOR_PART = 'floor: GET /health';

const HEADER = ['engine', 'part', 'p50', 'p95', 'p99', 'rate', 'errors', 'target', 'met', 'load 1 min (other CPU)'];

function rows(outcome: EngineOutcome): string[][] {
  const lines: string[][] = [];
  const notMeasured = (part: string, target: string, o: Outcome<unknown>) => [outcome.engine, part, '-', '-', '-', '-', '-', target, o.status === 'skipped' ? 'skipped' : 'FAILED', ''];
  const creationTarget = `p95 < ${TICKET_TARGETS.creationP95Ms} ms`;
  if (outcome.creation?.status === 'measured') {
    const r = outcome.creation.result;
    const { p50, p95, p99 } = r.latency;
    lines.push([outcome.engine, 'creation', ms(p50), ms(p95), ms(p99), `${int(r.createdPerSecond)}/s`, int(r.errors), creationTarget, creationMet(r) ? 'yes' : 'NO', loadCell(outcome.creation.load)]);
    // The runs beside the saturated one, which the target is read on.
    const untargeted = (part: string, run: CreationResult) =>
      lines.push([outcome.engine, part, ms(run.latency.p50), ms(run.latency.p95), ms(run.latency.p99), `${int(run.createdPerSecond)}/s`, int(run.errors), '(no target)', '-', '']);
    if (r.oneClient) untargeted('creation, 1 client', r.oneClient);
    if (r.paced) untargeted(`creation, ${r.paced.offeredPerSecond}/s offered`, r.paced);
  } else if (outcome.creation) lines.push(notMeasured('creation', creationTarget, outcome.creation));
  if (outcome.floor?.status === 'measured') {
    const r = outcome.floor.result;
    lines.push([outcome.engine, FLOOR_PART, ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99), `${int(r.requestsPerSecond)}/s`, int(r.errors + r.non2xx), '(no target)', '-', loadCell(outcome.floor.load)]);
  } else if (outcome.floor) lines.push(notMeasured(FLOOR_PART, '(no target)', outcome.floor));
  const sweepTarget = `< ${TICKET_TARGETS.sweepSeconds} s`;
  if (outcome.sweep?.status === 'measured') {
    const r = outcome.sweep.result;
    lines.push([outcome.engine, 'breach sweep', `${r.medianSweepSeconds.toFixed(3)} s`, '-', '-', '-', '0', sweepTarget, sweepMet(r) ? 'yes' : 'NO', loadCell(outcome.sweep.load)]);
  } else if (outcome.sweep) lines.push(notMeasured('breach sweep', sweepTarget, outcome.sweep));
  const eventTarget = `p95 < ${TICKET_TARGETS.eventP95Ms} ms`;
  if (outcome.events?.status === 'measured') {
    const r = outcome.events.result;
    const { p50, p95, p99 } = r.delay;
    lines.push([outcome.engine, 'event delay', ms(p50), ms(p95), ms(p99), `${r.sockets}×${r.events}`, int(r.missing + r.strays), eventTarget, eventsMet(r) ? 'yes' : 'NO', loadCell(outcome.events.load)]);
  } else if (outcome.events) lines.push(notMeasured('event delay', eventTarget, outcome.events));
  return lines;
}

/** One table for every engine and part, with the targets and whether they are met. */
export function formatTable(outcomes: EngineOutcome[]): string {
  return renderTable(HEADER, outcomes.flatMap(rows), new Set([2, 3, 4, 5, 6]));
}

/** What the table cannot say: the checks behind each line, and why a part did not run. */
export function formatNotes(outcomes: EngineOutcome[], settings: Pick<TicketsSettings, 'connections'>): string[] {
  const notes: string[] = [];
  for (const o of outcomes) {
    const c = o.creation;
    if (c?.status === 'measured') {
      const r = c.result;
      notes.push(
        `${o.engine} creation: ${int(r.created)} tickets created (201) of ${int(r.sent)} sent in ${r.durationSeconds.toFixed(1)} s; ` +
          `the database gained ${int(r.ticketsAdded)}: ${r.checked ? 'they match' : 'MISMATCH'}` +
          (r.firstError ? `; first error: ${r.firstError}` : ''),
      );
      if (r.cpu) {
        notes.push(
          `${o.engine} creation CPU: the server kept ${r.cpu.serverCpus.toFixed(2)} of ${os.cpus().length} CPUs busy, ${r.cpu.serverMsPerTicket.toFixed(2)} ms of CPU per ticket ` +
            `(${int(1000 / r.cpu.serverMsPerTicket)} tickets/s for each CPU given to it); the load generator (autocannon, in the bench's process) ${r.cpu.loadGeneratorCpus.toFixed(2)} more` +
            (o.engine === 'MariaDB' ? ', and MariaDB its own share, not counted here.' : '.'),
        );
      }
      const one = r.oneClient;
      if (one) {
        notes.push(
          `${o.engine} creation, 1 client: ${int(one.created)} of ${int(one.sent)} filed one after the other, the database gained ${int(one.ticketsAdded)}` +
            (one.firstError ? `; first error: ${one.firstError}` : '') +
            ". With many clients a report also waits for those ahead of it: latency ≈ clients ÷ rate (Little's law).",
        );
      }
      const paced = r.paced;
      if (paced) {
        notes.push(
          `${o.engine} creation, ${paced.offeredPerSecond}/s offered: ${paced.offeredPerSecond} reports a second, evenly spaced, over up to ${settings.connections} connections, ` +
            `each timed from when it was due; ${int(paced.created)} of ${int(paced.sent)} filed, the database gained ${int(paced.ticketsAdded)}` +
            (paced.cpu ? `, the server kept ${paced.cpu.serverCpus.toFixed(2)} CPUs busy` : '') +
            (paced.firstError ? `; first error: ${paced.firstError}` : '') +
            '. The wait on a busy server that keeps up; the target is read on the saturated run above.',
        );
      }
    }
    const f = o.floor;
    if (f?.status === 'measured') {
      notes.push(
        `${o.engine} floor: GET /api/v1/health signed in with a director's token (every middleware, the token lookup, SELECT 1), ${int(f.result.responses)} answers at the same ` +
          `${settings.connections} connections. Filing does all of this and much more, so its p95 under that load cannot be lower.`,
      );
    }
    const s = o.sweep;
    if (s?.status === 'measured') {
      const r = s.result;
      notes.push(`${o.engine} breach sweep: median of ${r.sweepSeconds.map((x) => x.toFixed(3)).join(' / ')} s; the sweep with nothing to mark ${r.medianIdleSeconds.toFixed(3)} s (npm run bench:sweep)`);
    }
    const e = o.events;
    if (e?.status === 'measured') {
      const r = e.result;
      notes.push(
        `${o.engine} event delay: ${int(r.delivered)} deliveries to ${r.sockets} sockets of ${r.accounts.length} accounts (${r.accounts.join(', ')}), ` +
          `${r.missing} missing, ${r.strays} strays; includes the comment's HTTP round trip (p50 ${ms(r.httpRoundTrip.p50)}, p95 ${ms(r.httpRoundTrip.p95)}); ` +
          `first to last socket p50 ${ms(r.spread.p50)}, p95 ${ms(r.spread.p95)}; sockets connected in ${r.connectSeconds.toFixed(1)} s`,
      );
    }
    for (const [part, outcome] of [['creation', c], [FLOOR_PART, f], ['breach sweep', s], ['event delay', e]] as const) {
      if (outcome && outcome.status !== 'measured') notes.push(`${o.engine} ${part} ${outcome.status}: ${outcome.reason}`);
    }
  }
  return notes;
}

/** A warning when other work kept the machine busy before some parts; empty otherwise. */
export function busyWarning(outcomes: EngineOutcome[]): string {
  const loads = outcomes.flatMap((o) => [o.creation, o.floor, o.sweep, o.events]).flatMap((p) => (p?.status === 'measured' ? [p.load.otherCpuBefore] : []));
  return busyMachineWarning(Math.max(0, ...loads), 'before some parts');
}

/** Every part measured met its target, none failed; skipped parts do not count. */
export function allMet(outcomes: EngineOutcome[]): boolean {
  const verdicts: boolean[] = [];
  const judge = <T>(outcome: Outcome<T> | undefined, met: (result: T) => boolean) => {
    if (outcome && outcome.status !== 'skipped') verdicts.push(outcome.status === 'measured' && met(outcome.result));
  };
  for (const o of outcomes) {
    judge(o.creation, creationMet);
    judge(o.sweep, sweepMet);
    judge(o.events, eventsMet);
  }
  return verdicts.length > 0 && verdicts.every(Boolean);
}

export function writeTicketsJson(file: string, settings: TicketsSettings, machine: { before: MachineLoad['loadBefore']; after: MachineLoad['loadAfter'] }, outcomes: EngineOutcome[]): void {
  const report = {
    generatedAt: new Date().toISOString(),
    settings,
    loadAverage: machine,
    targets: TICKET_TARGETS,
    engines: outcomes.map((o) => ({
      ...o,
      met: {
        creation: o.creation?.status === 'measured' ? creationMet(o.creation.result) : null,
        sweep: o.sweep?.status === 'measured' ? sweepMet(o.sweep.result) : null,
        events: o.events?.status === 'measured' ? eventsMet(o.events.result) : null,
      },
    })),
    targetsMet: allMet(outcomes),
    busyMachine: busyWarning(outcomes) !== '',
  };
  writeReportFile(file, report);
}
