import { createHash } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Session, SessionData } from 'express-session';
import { Server, type Socket } from 'socket.io';
import type { DataSource } from 'typeorm';
import type { LiveEventName, LiveEvents } from '@preau/shared';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Services } from '../app';
import type { AccessChange, DomainEvent, EventAudience } from '../events/domain-events';
import { loadPrincipal } from '../modules/auth/load-principal';
import { placeOf, placesInCommune } from '../modules/auth/places';
import type { Place, Principal } from '../modules/auth/principal';
import { configRooms, roomsFor, roomsForEvent } from './rooms';
import { connectRedisAdapter } from './redis-adapter';

/** What the server pushes: each live event with its payload (`shared/src/events.ts`). */
export type ServerToClientEvents = { [K in LiveEventName]: (payload: LiveEvents[K]) => void };
/** Browsers only listen; they never send anything but the handshake. */
export type ClientToServerEvents = Record<never, never>;

/**
 * An access change as passed to the other server processes (through the Redis adapter), each
 * applying it to the sockets it holds. Session ids are credentials: they travel hashed.
 */
type RelayedAccessChange = Exclude<AccessChange, { kind: 'session-ended' }> | { kind: 'session-ended'; sessionKey: string };
interface InterServerEvents {
  'access:changed': (change: RelayedAccessChange) => void;
}

interface SocketData {
  principal: Principal;
  /** The rooms live events are sent to (`roomsFor`); the control rooms below are not among them. */
  rooms: string[];
  /** How to check the socket again: its session, or the API token it showed. */
  credential: { kind: 'session'; sid: string } | { kind: 'token'; token: string };
  /** Counts the checks begun: only the latest may set the rooms, an older one finishing late is dropped. */
  check: number;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Control rooms, never sent events: they find a socket by the account or the session it signed in with. */
const accountRoom = (userId: number) => `account:${userId}`;
const sessionRoom = (sessionKey: string) => `session:${sessionKey}`;
const sessionKeyOf = (sid: string) => createHash('sha256').update(sid).digest('hex').slice(0, 32);

/** The handshake request once the HTTP session chain has run on it. */
type HandshakeRequest = IncomingMessage & {
  _query: Record<string, string | undefined>;
  /** `RecentAccessChanges.now()` when the handshake began, before anything about the caller was read. */
  accessEpoch?: number;
  user?: Principal;
  session?: Session & Partial<SessionData>;
  sessionID?: string;
};

export interface RealtimeDeps {
  services: Pick<Services, 'events' | 'sessions' | 'tokens'>;
  dataSource: DataSource;
  /** The HTTP side's session, Passport and absolute-age middleware (`createApp().sessionAuth`). */
  sessionAuth: RequestHandler[];
  config: Readonly<Config>;
  logger: Logger;
  /** How often connected sockets are checked again: session or token still valid, memberships. */
  revalidateMs?: number;
  /** Redis pub/sub channel prefix; tests give each run its own. */
  redisKey?: string;
}

export interface Realtime {
  io: RealtimeServer;
  /**
   * Checks every socket of this process again now; the timer does it every `revalidateMs`, as a
   * backstop: access changes published on the bus are applied at once, on every process.
   */
  revalidate(): Promise<void>;
  /** Disconnects every socket, closes the HTTP server and the Redis connections. */
  close(): Promise<void>;
}

const DEFAULT_REVALIDATE_MS = 60_000;
/** Longer than any handshake: Socket.IO gives up on a connection after 45 s (`connectTimeout`). */
const HANDSHAKE_MAX_MS = 120_000;

/**
 * The access changes this process applied lately, by control room (`account:…`, `session:…`).
 * A change applied while a socket is signing in cannot find it, since it joins its rooms only
 * once connected; the socket compares this with the moment its handshake began.
 */
class RecentAccessChanges {
  private sequence = 0;
  private readonly last = new Map<string, { sequence: number; at: number }>();

  now(): number {
    return this.sequence;
  }

  record(room: string): void {
    this.last.set(room, { sequence: ++this.sequence, at: Date.now() });
  }

  changedSince(rooms: string[], sequence: number): boolean {
    return rooms.some((room) => (this.last.get(room)?.sequence ?? 0) > sequence);
  }

  forgetBefore(time: number): void {
    for (const [room, change] of this.last) if (change.at < time) this.last.delete(room);
  }
}

/**
 * Socket.IO on the app's HTTP server. A socket signs in with the browser's session cookie
 * (the same middleware as the API) or an API token (`auth: { token }`), joins the rooms of its
 * scopes, and receives each domain event published on this process, sent to the rooms of the
 * people allowed to see the record. With REDIS_URL the Redis adapter carries events to sockets
 * held by other server processes.
 *
 * When a session ends its sockets are disconnected at once; when an account changes (roles,
 * disabled, a token revoked) its sockets leave every room at once, then join those it is still
 * allowed after a fresh check. Both reach the other processes through the adapter.
 */
export async function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps): Promise<Realtime> {
  const { services, dataSource, config, logger } = deps;
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // No `cors` option: no CORS headers, and WebSocket upgrades (which CORS does not cover) are
    // held to the same origin here, so another site cannot open a socket with a user's cookie.
    allowRequest: (req, callback) => callback(null, isSameOrigin(req, config.publicUrl)),
  });
  const redis = config.redisUrl ? await connectRedisAdapter(config.redisUrl, logger, deps.redisKey) : null;
  if (redis) io.adapter(redis.adapter);

  const recent = new RecentAccessChanges();
  io.engine.use(onHandshake(deps.sessionAuth, recent));
  io.use((socket, next) => {
    identify(socket, services)
      .then((identity) => {
        if (!identity) return next(new Error('UNAUTHENTICATED'));
        socket.data = { ...identity, rooms: roomsFor(identity.principal), check: 0 };
        next();
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'live events: socket authentication failed');
        next(new Error('UNAVAILABLE'));
      });
  });
  io.on('connection', (socket) => {
    const control = controlRooms(socket.data);
    const epoch = (socket.request as HandshakeRequest).accessEpoch ?? 0;
    if (!recent.changedSince(control, epoch)) return void socket.join([...socket.data.rooms, ...control]);
    // The account or session changed while the socket signed in, too early for the change to find
    // it: its rooms wait for a fresh check (which disconnects it if it may no longer connect).
    void socket.join(control);
    socket.data.rooms = [];
    recheck(socket, deps).catch((err: unknown) => logger.error({ err }, 'live events: socket check after an access change during its handshake failed'));
  });

  const unsubscribe = services.events.subscribe(deliverer(io, dataSource, logger));
  const applyHere = accessChangeApplier(io, deps, recent);
  io.on('access:changed', applyHere);
  const unsubscribeAccess = services.events.subscribeAccessChanges((change) => {
    const relayed: RelayedAccessChange = change.kind === 'session-ended' ? { kind: change.kind, sessionKey: sessionKeyOf(change.sid) } : change;
    applyHere(relayed);
    // The in-memory adapter (one process) has no one to tell, and would warn.
    if (redis) io.serverSideEmit('access:changed', relayed);
  });

  let checking: Promise<void> | null = null;
  const revalidate = () => {
    checking ??= revalidateAll(io, deps).finally(() => (checking = null));
    return checking;
  };
  const timer = setInterval(() => {
    recent.forgetBefore(Date.now() - HANDSHAKE_MAX_MS);
    revalidate().catch((err: unknown) => logger.error({ err }, 'live events: socket revalidation failed'));
  }, deps.revalidateMs ?? DEFAULT_REVALIDATE_MS);
  timer.unref();

  return {
    io,
    revalidate,
    close: async () => {
      clearInterval(timer);
      unsubscribe();
      unsubscribeAccess();
      await io.close();
      await redis?.close();
    },
  };
}

/** Runs the HTTP session chain on the handshake request only, not on each later polling request. */
function onHandshake(handlers: RequestHandler[], recent: RecentAccessChanges) {
  return (req: HandshakeRequest, res: ServerResponse, next: (err?: unknown) => void) => {
    if (req._query.sid !== undefined) return next();
    req.accessEpoch = recent.now();
    let index = 0;
    const step = (err?: unknown) => {
      const handler = handlers[index++];
      if (err !== undefined || !handler) return next(err);
      Promise.resolve(handler(req as never, res as never, step)).catch(step);
    };
    step();
  };
}

async function identify(socket: LiveSocket, services: RealtimeDeps['services']): Promise<Omit<SocketData, 'rooms' | 'check'> | null> {
  const token = tokenOf(socket);
  if (token !== null) {
    // A token that does not work refuses the socket, whatever the cookie says, as on the API.
    const principal = await services.tokens.authenticate(token);
    return principal && { principal, credential: { kind: 'token', token } };
  }
  const req = socket.request as HandshakeRequest;
  if (req.user?.via !== 'session' || !req.sessionID) return null;
  return { principal: req.user, credential: { kind: 'session', sid: req.sessionID } };
}

/** `auth: { token }` in the handshake, or an `Authorization: Bearer` header. */
function tokenOf(socket: LiveSocket): string | null {
  const auth = socket.handshake.auth as { token?: unknown };
  if (typeof auth.token === 'string') return auth.token;
  const header = socket.handshake.headers.authorization;
  if (!header) return null;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
}

/**
 * Browsers send `Origin` on every WebSocket and cross-origin request: it must be Préau's own
 * address (PUBLIC_URL, or the host the request was sent to). Scripts send none.
 */
export function isSameOrigin(req: IncomingMessage, publicUrl: string | null): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    if (publicUrl !== null && url.origin === new URL(publicUrl).origin) return true;
    return url.host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The bus listener: finds where the record stands, then emits once to the union of the rooms
 * allowed to see it (a socket in several of them gets it once). Events keep their order; a
 * bulk change (a CSV import) looks each place up once, not once per item. A configuration
 * change goes to the readers of that configuration (`configRooms`).
 */
function deliverer(io: RealtimeServer, dataSource: DataSource, logger: Logger) {
  const places = new Map<string, Promise<Place | null>>();
  const placeFor = (audience: EventAudience) => {
    const key = `${audience.communeId}:${audience.schoolId}`;
    let place = places.get(key);
    if (!place) {
      // Only within one tick: a school moved to another circonscription is seen at the next event.
      if (places.size === 0) setImmediate(() => places.clear());
      place = placeOf(dataSource.manager, audience);
      // Marked handled now; the queue below still sees the failure.
      place.catch(() => undefined);
      places.set(key, place);
    }
    return place;
  };
  const roomsOf = async (event: DomainEvent): Promise<string[]> => {
    if (!('audience' in event)) {
      const { communeId } = event.payload;
      return configRooms(communeId, communeId === null ? [] : await placesInCommune(dataSource.manager, communeId));
    }
    return roomsForEvent(event, await placeFor(event.audience));
  };
  let queue = Promise.resolve();
  return (event: DomainEvent) => {
    // Asked now (records change fast), sent in publishing order.
    const rooms = roomsOf(event);
    rooms.catch(() => undefined);
    queue = queue
      .then(async () => {
        io.to(await rooms).emit(event.name, event.payload as never);
      })
      .catch((err: unknown) => logger.error({ err, event: event.name }, 'live event not delivered'));
  };
}

function controlRooms(data: SocketData): string[] {
  const rooms = [accountRoom(data.principal.userId)];
  if (data.credential.kind === 'session') rooms.push(sessionRoom(sessionKeyOf(data.credential.sid)));
  return rooms;
}

/** This process's sockets in a room, found synchronously (`fetchSockets` would wait on every process). */
function localSocketsIn(io: RealtimeServer, room: string): LiveSocket[] {
  const nsp = io.of('/');
  return [...(nsp.adapter.rooms.get(room) ?? [])].flatMap((id) => nsp.sockets.get(id) ?? []);
}

/**
 * Applies an access change to the sockets of this process. What must stop stops before this
 * returns, so an event published after the change cannot reach them: a session's sockets are
 * disconnected, a changed account's sockets leave all their rooms (missing, for the few
 * milliseconds of the check, what they may still see rather than seeing what they may not).
 */
function accessChangeApplier(io: RealtimeServer, deps: RealtimeDeps, recent: RecentAccessChanges) {
  return (change: RelayedAccessChange) => {
    recent.record(change.kind === 'session-ended' ? sessionRoom(change.sessionKey) : accountRoom(change.userId));
    if (change.kind === 'session-ended') {
      for (const socket of localSocketsIn(io, sessionRoom(change.sessionKey))) socket.disconnect(true);
      return;
    }
    for (const socket of localSocketsIn(io, accountRoom(change.userId))) {
      if (change.kind === 'account-sessions-ended') {
        // Its API tokens still work: the account change that follows checks those.
        if (socket.data.credential.kind === 'session') socket.disconnect(true);
        continue;
      }
      socket.data.check++;
      for (const room of socket.data.rooms) void socket.leave(room);
      socket.data.rooms = [];
      recheck(socket, deps).catch((err: unknown) => deps.logger.error({ err, userId: change.userId }, 'live events: socket check after an access change failed'));
    }
  };
}

/**
 * Sockets live for hours: each is checked again so that a sign-out, an expired session, a
 * revoked token or a disabled account disconnects it, and changed memberships move its rooms.
 */
async function revalidateAll(io: RealtimeServer, deps: RealtimeDeps): Promise<void> {
  for (const socket of io.of('/').sockets.values()) {
    if (socket.connected) await recheck(socket, deps);
  }
}

async function recheck(socket: LiveSocket, deps: RealtimeDeps): Promise<void> {
  const check = ++socket.data.check;
  const principal = await reauthenticate(socket.data, deps);
  if (!socket.connected || check !== socket.data.check) return;
  if (!principal) {
    socket.disconnect(true);
    return;
  }
  const rooms = roomsFor(principal);
  const kept = new Set(rooms);
  for (const room of socket.data.rooms) if (!kept.has(room)) void socket.leave(room);
  void socket.join(rooms);
  socket.data.principal = principal;
  socket.data.rooms = rooms;
}

async function reauthenticate(data: SocketData, { services, dataSource, config }: RealtimeDeps): Promise<Principal | null> {
  if (data.credential.kind === 'token') return services.tokens.authenticate(data.credential.token);
  const { sid } = data.credential;
  const stored = await new Promise<(SessionData & { passport?: { user?: number } }) | null>((resolve, reject) => {
    services.sessions.get(sid, (err, value) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(value ?? null)));
  });
  if (stored?.passport?.user !== data.principal.userId) return null;
  if (stored.signedInAt !== undefined && Date.now() - stored.signedInAt >= config.session.maxAgeMs) return null;
  return loadPrincipal(dataSource, data.principal.userId, 'session');
}
