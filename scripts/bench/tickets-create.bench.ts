/**
 * Ticket creation under load: autocannon's 50 connections POST /api/v1/tickets to the real
 * server, each request a different report (school, director's token, item, category, impact,
 * urgency) with its own Idempotency-Key, as the client sends one. Run by tickets.bench.ts.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';
import type { DataSource } from 'typeorm';
import type { EquipmentKind, Impact, TicketCategory, TicketCreate, Urgency } from '@preau/shared';
import { type Reporter, type TicketsFixture, ticketCount } from './tickets-fixture';
import type { TicketsServer } from './tickets-server';
import type { TicketsSettings } from './tickets-settings';
import { type Distribution, distribution } from './tickets-stats';

/** The part of autocannon's API used here (the package ships no types). */
interface CannonRequest {
  method: 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?(request: CannonRequest): CannonRequest;
  onResponse?(status: number, body: string): void;
}
interface CannonOptions {
  url: string;
  connections: number;
  duration?: number;
  /** Requests in all; each connection stops after its share is answered, so none is left in flight. */
  amount?: number;
  requests: CannonRequest[];
}
interface CannonResult {
  errors: number;
  timeouts: number;
  requests: { total: number; sent: number };
}
const autocannon = createRequire(__filename)('autocannon') as (options: CannonOptions) => EventEmitter & PromiseLike<CannonResult>;

export interface CreationResult {
  /** Milliseconds, over the 201 answers of the measured run. */
  latency: Distribution;
  /** 201 answers over the run's wall-clock time. */
  createdPerSecond: number;
  durationSeconds: number;
  sent: number;
  created: number;
  /** Connection errors, timeouts and answers other than 201, by status. */
  errors: number;
  otherStatuses: Record<string, number>;
  firstError: string | null;
  /** Tickets the database gained during the measured run: must equal `created`. */
  ticketsAdded: number;
  checked: boolean;
  /**
   * Where the CPU went during the run, in CPUs busy on average: the server process, and the
   * bench's own (autocannon, the load generator), which shares the machine with it. Null
   * where /proc cannot be read. The database server's own CPU (MariaDB) is not counted.
   */
  cpu: { serverCpus: number; serverMsPerTicket: number; loadGeneratorCpus: number } | null;
  /**
   * The same reports filed by one client at a time, after the measured run: the cost of one
   * report with no queue in front of it. Under 50 clients a report waits for the others.
   */
  oneClient?: CreationResult;
  /**
   * PACED_RATE reports a second, evenly spaced, over the same number of connections, after the
   * one-client run: the wait a report sees on a server that is busy but not saturated.
   */
  paced?: CreationResult & { offeredPerSecond: number };
}

/** Requests of the one-client run: enough for a stable p95, short enough to keep the bench quick. */
const ONE_CLIENT_REQUESTS = 400;
/**
 * The paced run's rate: well under what one process files at saturation on a 2-CPU machine
 * (about 200 to 300 a second), and hundreds of times what an académie files.
 */
const PACED_RATE = 100;

const SERVICE_REPORTS: readonly { category: TicketCategory; title: string; description: string }[] = [
  { category: 'network', title: 'Plus de réseau dans la salle informatique', description: 'Aucun poste de la salle ne voit le réseau depuis ce matin.' },
  { category: 'internet', title: 'Connexion internet très lente', description: 'Les vidéos ne se chargent plus, les pages mettent une minute à venir.' },
  { category: 'ent', title: "Impossible de se connecter à l'ENT", description: "Le portail répond « identifiant inconnu » pour toute la classe de CM1." },
  { category: 'email', title: 'La messagerie académique refuse le mot de passe', description: '' },
  { category: 'software', title: 'Le logiciel de lecture ne se lance plus', description: 'Message d’erreur au démarrage sur les postes élèves.' },
  { category: 'account', title: 'Compte élève bloqué', description: 'Bloqué après plusieurs essais, l’élève ne peut plus travailler.' },
  { category: 'filtering', title: 'Site pédagogique bloqué par le filtrage', description: 'Le site des éditions du manuel de mathématiques est refusé.' },
  { category: 'other', title: 'Conseil pour le projet numérique de l’école', description: '' },
];

const HARDWARE_TITLES = ['Ne démarre plus', 'Écran noir au démarrage', 'Très lent depuis la mise à jour', 'Bruit anormal et arrêt brutal', 'Ne s’allume plus du tout'];
const PRINTING_KINDS: ReadonlySet<EquipmentKind> = new Set(['printer', 'copier']);
/** How long the requests a timed warm-up left in flight may take to commit. */
const SETTLE_TIMEOUT_MS = 60_000;
const IMPACTS: readonly Impact[] = ['one_person', 'one_class', 'whole_school'];
const URGENCIES: readonly Urgency[] = ['low', 'high'];

interface Report {
  token: string;
  body: TicketCreate;
}

/** What one director may report: one report per item of the school, then the service reports. */
function reportsOf(reporter: Reporter): TicketCreate[] {
  const onItems = reporter.items.map((item, i): Omit<TicketCreate, 'impact' | 'urgency'> => ({
    schoolId: reporter.schoolId,
    equipmentId: item.id,
    category: PRINTING_KINDS.has(item.kind) ? 'printing' : 'hardware',
    title: PRINTING_KINDS.has(item.kind) ? 'Bourrage papier à chaque impression' : HARDWARE_TITLES[i % HARDWARE_TITLES.length]!,
    description: 'Constaté ce matin en arrivant. '.repeat(1 + (i % 4)).trim(),
  }));
  const services = SERVICE_REPORTS.map((report) => ({ schoolId: reporter.schoolId, equipmentId: null, ...report }));
  return [...onItems, ...services].map((report, i) => ({
    ...report,
    impact: IMPACTS[i % IMPACTS.length]!,
    urgency: URGENCIES[Math.floor(i / 3) % URGENCIES.length]!,
    availability: i % 4 === 0 ? 'Le mardi après 16 h, ou le mercredi matin' : null,
  }));
}

/** Every school's reports, interleaved: consecutive requests come from different schools. */
function allReports(fixture: TicketsFixture): Report[] {
  const perSchool = fixture.reporters.map((reporter) => reportsOf(reporter).map((body) => ({ token: reporter.token, body })));
  const rounds = Math.max(...perSchool.map((reports) => reports.length));
  const reports: Report[] = [];
  for (let round = 0; round < rounds; round++) for (const school of perSchool) if (school[round]) reports.push(school[round]!);
  return reports;
}

/** One POST of a report, with a fresh Idempotency-Key as the client sends one. */
interface Posted {
  headers: Record<string, string>;
  body: string;
}

/** The reports one after the other, round and round. */
function reportSource(reports: Report[]): () => Posted {
  let next = 0;
  return () => {
    const report = reports[next++ % reports.length]!;
    return {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${report.token}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify(report.body),
    };
  };
}

/** The POST for autocannon, each request taking the next report. */
function ticketRequest(next: () => Posted, onResponse?: CannonRequest['onResponse']): CannonRequest {
  return {
    method: 'POST',
    path: '/api/v1/tickets',
    setupRequest: (request) => ({ ...request, ...next() }),
    ...(onResponse ? { onResponse } : {}),
  };
}

/** What a load generator tells of each answer: its body (for the ticket's id) and its time from the send. */
interface Answers {
  body(status: number, body: string): void;
  time(status: number, ms: number): void;
}
interface LoadOutcome {
  sent: number;
  /** Connection errors and timeouts. */
  failed: number;
  why: string | null;
}
/** Sends a run's requests; resolves once each is answered or failed. */
type Load = (url: string, next: () => Posted, answers: Answers) => Promise<LoadOutcome>;

/** `connections` clients that each send again as soon as answered, `amount` requests in all (autocannon). */
function closedLoop(connections: number, amount: number): Load {
  return async (url, next, answers) => {
    const run = autocannon({ url, connections, amount, requests: [ticketRequest(next, (status, body) => answers.body(status, body))] });
    run.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => answers.time(status, responseTime));
    const result = await run;
    return { sent: result.requests.sent, failed: result.errors, why: result.errors > 0 ? `${result.errors} connection errors, ${result.timeouts} timeouts` : null };
  };
}

/**
 * `perSecond` requests a second, evenly spaced, over at most `connections` kept-alive
 * connections, `amount` in all. Each is timed from the moment it was due, so a late send
 * counts against the server rather than hiding (autocannon's own rate limit sends each
 * second's requests in one burst, which measures the burst).
 */
function evenlyPaced(connections: number, perSecond: number, amount: number): Load {
  return async (url, next, answers) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    const target = new URL('/api/v1/tickets', url);
    const started = performance.now();
    const pending: Promise<void>[] = [];
    let failed = 0;
    let why: string | null = null;
    for (let i = 0; i < amount; i++) {
      const due = started + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const { headers, body } = next();
      pending.push(
        new Promise<void>((resolve) => {
          const request = http.request(target, { method: 'POST', agent, headers }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const status = response.statusCode ?? 0;
              answers.body(status, Buffer.concat(chunks).toString('utf8'));
              answers.time(status, performance.now() - due);
              resolve();
            });
          });
          request.on('error', (error) => {
            failed++;
            why ??= error.message;
            resolve();
          });
          request.end(body);
        }),
      );
    }
    await Promise.all(pending);
    agent.destroy();
    return { sent: amount, failed, why };
  };
}

/** Waits until the server has committed the requests the warm-up left in flight: `expected` tickets in all. */
async function settled(dataSource: DataSource, expected: number): Promise<{ count: number; maxId: number }> {
  for (const started = performance.now(); ; await sleep(100)) {
    const now = await ticketCount(dataSource);
    if (now.count === expected) return now;
    if (now.count > expected || performance.now() - started > SETTLE_TIMEOUT_MS) {
      throw new Error(`after the warm-up the database holds ${now.count} tickets, ${expected} expected`);
    }
  }
}

/** One run of the load, every request timed to its answer, and the tickets it added counted. */
async function measuredRun(server: TicketsServer, dataSource: DataSource, reports: Report[], load: Load): Promise<CreationResult> {
  const before = await ticketCount(dataSource);
  const times: number[] = [];
  const otherStatuses: Record<string, number> = {};
  const createdIds = new Set<number>();
  let firstError: string | null = null;
  const serverCpuBefore = server.cpuSeconds();
  const benchCpuBefore = process.cpuUsage();
  const started = performance.now();
  let lastResponseAt = started;
  const result = await load(server.baseUrl, reportSource(reports), {
    body: (status, body) => {
      if (status === 201) {
        createdIds.add(Number((JSON.parse(body) as { id: number }).id));
      } else {
        otherStatuses[status] = (otherStatuses[status] ?? 0) + 1;
        firstError ??= `${status} ${body.slice(0, 300)}`;
      }
    },
    time: (status, ms) => {
      lastResponseAt = performance.now();
      if (status === 201) times.push(ms);
    },
  });
  // Up to the last answer: autocannon notices a finished run at its next one-second tick only.
  const durationSeconds = (lastResponseAt - started) / 1000;
  const serverCpuAfter = server.cpuSeconds();
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const after = await ticketCount(dataSource);
  const serverCpuSeconds = serverCpuBefore === null || serverCpuAfter === null ? null : serverCpuAfter - serverCpuBefore;

  const ticketsAdded = after.count - before.count;
  const idsAbove = [...createdIds].every((id) => id > before.maxId && id <= after.maxId);
  const errors = result.failed + Object.values(otherStatuses).reduce((sum, n) => sum + n, 0);
  return {
    latency: distribution(times),
    createdPerSecond: createdIds.size / durationSeconds,
    durationSeconds,
    sent: result.sent,
    created: createdIds.size,
    errors,
    otherStatuses,
    firstError: firstError ?? result.why,
    ticketsAdded,
    checked: errors === 0 && times.length === createdIds.size && ticketsAdded === createdIds.size && idsAbove,
    cpu:
      serverCpuSeconds === null
        ? null
        : {
            // Over the time to the last answer: after it the server idles until autocannon notices the end.
            serverCpus: serverCpuSeconds / durationSeconds,
            serverMsPerTicket: (serverCpuSeconds * 1000) / Math.max(1, createdIds.size),
            loadGeneratorCpus: (benchCpu.user + benchCpu.system) / 1e6 / durationSeconds,
          },
  };
}

/**
 * A timed warm-up (thrown away), then a measured run of as many requests as the warm-up's second
 * half paced in BENCH_DURATION seconds; when the pace was misjudged (the run took under 3/4 of
 * that), the run counts as more warm-up and one more, resized, is measured. The measured run is a
 * number of requests, not a duration: autocannon ends a timed run with requests in flight and
 * never times them, which would hide the slowest, and the server still commits them, so the
 * tickets could not be counted against the 201s. Then one client files ONE_CLIENT_REQUESTS reports,
 * and the same clients file PACED_RATE a second for BENCH_DURATION seconds.
 */
export async function benchCreation(server: TicketsServer, dataSource: DataSource, fixture: TicketsFixture, settings: TicketsSettings): Promise<CreationResult> {
  const reports = allReports(fixture);

  const initial = await ticketCount(dataSource);
  const warmupStarted = performance.now();
  const halfway = warmupStarted + (settings.warmupSeconds * 1000) / 2;
  let lastWarmupAnswer = warmupStarted;
  let secondHalf = 0;
  let refused = 0;
  const warmup = autocannon({ url: server.baseUrl, connections: settings.connections, duration: settings.warmupSeconds, requests: [ticketRequest(reportSource(reports))] });
  warmup.on('response', (_client: unknown, status: number) => {
    lastWarmupAnswer = performance.now();
    if (lastWarmupAnswer >= halfway) secondHalf++;
    if (status !== 201) refused++;
  });
  const warmed = await warmup;
  if (warmed.errors > 0) throw new Error(`the warm-up had ${warmed.errors} connection errors or timeouts`);
  await settled(dataSource, initial.count + warmed.requests.sent - refused);

  const perSecond = secondHalf / Math.max(0.001, (lastWarmupAnswer - halfway) / 1000);
  const minimum = settings.connections * 4;
  const amount = Math.max(minimum, Math.round(perSecond * settings.durationSeconds));
  const first = await measuredRun(server, dataSource, reports, closedLoop(settings.connections, amount));
  const measured =
    first.errors > 0 || first.durationSeconds >= 0.75 * settings.durationSeconds
      ? first
      : await measuredRun(server, dataSource, reports, closedLoop(settings.connections, Math.max(minimum, Math.round((amount * settings.durationSeconds) / first.durationSeconds))));
  const oneClient = await measuredRun(server, dataSource, reports, closedLoop(1, ONE_CLIENT_REQUESTS));
  const paced = await measuredRun(server, dataSource, reports, evenlyPaced(settings.connections, PACED_RATE, PACED_RATE * settings.durationSeconds));
  return {
    ...measured,
    oneClient,
    paced: { ...paced, offeredPerSecond: PACED_RATE },
    checked: measured.checked && oneClient.checked && paced.checked,
  };
}
