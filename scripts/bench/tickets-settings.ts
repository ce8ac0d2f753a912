import { type BenchSettings, loadSettings } from './settings';

/** The targets for `npm run bench:tickets`. */
export const TICKET_TARGETS = { creationP95Ms: 50, sweepSeconds: 2, eventP95Ms: 100 } as const;

/** Name of the throwaway MariaDB database: created at the start, dropped at the end. */
export const MYSQL_TICKETS_DATABASE = 'preau_bench_tickets';

export type TicketsPart = 'create' | 'sweep' | 'events';
const PARTS: readonly TicketsPart[] = ['create', 'sweep', 'events'];

export interface TicketsSettings extends BenchSettings {
  /** Live-event part: sockets held open, commits measured, and the ones before them that are not. */
  sockets: number;
  events: number;
  warmupEvents: number;
  /** Pause between two measured commits, so each event fans out on its own. */
  eventSpacingMs: number;
  parts: TicketsPart[];
}

/**
 * The equipment bench's knobs (BENCH_DURATION, BENCH_WARMUP, BENCH_MYSQL_URL, BENCH_LOG_LEVEL, 50
 * connections), plus BENCH_PARTS. The number of measured events follows BENCH_DURATION (3 a second of
 * it, 10 at least), so that shortening the run shortens every part but the sweep.
 */
export function loadTicketsSettings(env: NodeJS.ProcessEnv = process.env): TicketsSettings {
  const base = loadSettings(env);
  const parts = (env.BENCH_PARTS ?? PARTS.join(','))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = parts.filter((part) => !PARTS.includes(part as TicketsPart));
  if (unknown.length > 0 || parts.length === 0) throw new Error(`BENCH_PARTS takes a list of ${PARTS.join(', ')}, not "${env.BENCH_PARTS}"`);
  return {
    ...base,
    sockets: 500,
    events: Math.max(10, Math.round(3 * base.durationSeconds)),
    warmupEvents: 3,
    eventSpacingMs: 200,
    parts: parts as TicketsPart[],
  };
}
