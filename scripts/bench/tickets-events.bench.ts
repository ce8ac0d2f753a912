/**
 * Live-event delay: 500 Socket.IO clients (WebSocket, signed in with API tokens of staff who see
 * the first demo school) are connected to the real server; a technician then comments on one of
 * that school's tickets, one commit at a time, and each socket's `ticket:commented` is timed from
 * the moment the comment's request was sent. Run by tickets.bench.ts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Socket, io } from 'socket.io-client';
import type { TicketDetail } from '@preau/shared';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/src/realtime/gateway';
import type { TicketsFixture } from './tickets-fixture';
import type { TicketsServer } from './tickets-server';
import type { TicketsSettings } from './tickets-settings';
import { type Distribution, distribution } from './tickets-stats';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Handshakes at once: 500 together would measure the server's sign-in rush, not the events. */
const CONNECT_BATCH = 25;
/** An event still missing this long after its commit counts as not delivered. */
const EVENT_TIMEOUT_MS = 5_000;

export interface EventResult {
  /** Milliseconds from sending the commit's request to a socket receiving its event, over every socket and measured commit. */
  delay: Distribution;
  /** Milliseconds from sending the commit's request to its answer: the delay includes this much HTTP. */
  httpRoundTrip: Distribution;
  /** Milliseconds from the first socket to the last receiving one event: the fan-out, on both sides. */
  spread: Distribution;
  sockets: number;
  /** Accounts the sockets are spread over. */
  accounts: string[];
  events: number;
  delivered: number;
  /** Socket × commit pairs with no event within EVENT_TIMEOUT_MS. */
  missing: number;
  /** Events received twice by a socket, or for a commit already given up on. */
  strays: number;
  connectSeconds: number;
}

async function post<T>(server: TicketsServer, token: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(server.baseUrl + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

function connect(baseUrl: string, token: string): Promise<LiveSocket> {
  // forceNew: one connection per socket, as 500 browsers would hold, not one shared Manager.
  const socket: LiveSocket = io(baseUrl, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false, timeout: 30_000 });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`socket refused: ${error.message}`));
    });
  });
}

interface Probe {
  ticketId: number;
  sentAt: number;
  arrivals: number[];
  seen: Set<LiveSocket>;
  complete(): void;
}

export async function benchEvents(server: TicketsServer, fixture: TicketsFixture, settings: TicketsSettings): Promise<EventResult> {
  const total = settings.warmupEvents + settings.events;
  const tickets: number[] = [];
  for (let i = 0; i < total; i++) {
    const ticket = await post<TicketDetail>(server, fixture.probeReporterToken, '/api/v1/tickets', {
      schoolId: fixture.probeSchoolId,
      category: 'network',
      title: `Coupure réseau, salle ${i + 1}`,
      impact: 'one_class',
      urgency: 'high',
    });
    tickets.push(ticket.id);
  }

  const sockets: LiveSocket[] = [];
  const connecting = performance.now();
  try {
    for (let i = 0; i < settings.sockets; i += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, settings.sockets - i) }, (_, j) => fixture.watchers[(i + j) % fixture.watchers.length]!);
      sockets.push(...(await Promise.all(batch.map((watcher) => connect(server.baseUrl, watcher.token)))));
    }
    const connectSeconds = (performance.now() - connecting) / 1000;

    let probe: Probe | null = null;
    let strays = 0;
    for (const socket of sockets) {
      socket.on('ticket:commented', ({ ticketId }) => {
        const now = performance.now();
        if (!probe || probe.ticketId !== ticketId || probe.seen.has(socket)) {
          strays++;
          return;
        }
        probe.seen.add(socket);
        probe.arrivals.push(now - probe.sentAt);
        if (probe.arrivals.length === sockets.length) probe.complete();
      });
    }
    // Let the server settle after the handshakes before the first commit.
    await sleep(1000);

    const delays: number[] = [];
    const roundTrips: number[] = [];
    const spreads: number[] = [];
    let missing = 0;
    for (const [i, ticketId] of tickets.entries()) {
      let complete!: () => void;
      const completed = new Promise<void>((resolve) => (complete = resolve));
      const current: Probe = { ticketId, sentAt: performance.now(), arrivals: [], seen: new Set(), complete };
      probe = current;
      await post(server, fixture.technicianToken, `/api/v1/tickets/${ticketId}/comments`, { body: `Passage prévu demain matin (relevé ${i + 1}).` });
      const roundTrip = performance.now() - current.sentAt;
      await Promise.race([completed, sleep(EVENT_TIMEOUT_MS)]);
      probe = null;
      if (i >= settings.warmupEvents) {
        delays.push(...current.arrivals);
        roundTrips.push(roundTrip);
        if (current.arrivals.length > 0) spreads.push(Math.max(...current.arrivals) - Math.min(...current.arrivals));
        missing += sockets.length - current.arrivals.length;
      }
      await sleep(settings.eventSpacingMs);
    }
    return {
      delay: distribution(delays),
      httpRoundTrip: distribution(roundTrips),
      spread: distribution(spreads),
      sockets: sockets.length,
      accounts: fixture.watchers.map((watcher) => watcher.username),
      events: settings.events,
      delivered: delays.length,
      missing,
      strays,
      connectSeconds,
    };
  } finally {
    for (const socket of sockets) socket.close();
  }
}
