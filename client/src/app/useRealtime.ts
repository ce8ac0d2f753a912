import { onBeforeUnmount, onMounted, readonly, ref } from 'vue';
import type { Socket } from 'socket.io-client';
import type { LiveEventName, LiveEvents } from '@preau/shared';
import { debounce } from '../ui/debounce';

export type LiveHandlers = { [K in LiveEventName]?: (payload: LiveEvents[K]) => void };
/** `connecting` until the first connection, `offline` while Socket.IO retries (with backoff), `refused` when the session is gone. */
export type LiveState = 'connecting' | 'live' | 'offline' | 'refused';

interface Subscriber {
  handlers: LiveHandlers;
  /** Events may have been missed while disconnected: reload what the screen shows. */
  onResync?: () => void;
}

// One socket for the whole tab, opened while a screen listens; the client library is fetched
// only then, so screens without live updates never download it.
const subscribers = new Set<Subscriber>();
const state = ref<LiveState>('connecting');
let socket: Promise<Socket> | null = null;
/** The socket events are taken from; one being closed may still report its last events. */
let current: Socket | null = null;
let closeTimer: ReturnType<typeof setTimeout> | undefined;
/** Going from one live screen to the next keeps the socket instead of reconnecting. */
const CLOSE_DELAY_MS = 5_000;
const RETRY_AFTER_REFUSAL_MS = 10_000;

async function open(): Promise<Socket> {
  const { io } = await import('socket.io-client');
  const connection = io({ path: '/socket.io', reconnectionDelay: 1_000, reconnectionDelayMax: 30_000 });
  current = connection;
  let everConnected = false;
  connection.on('connect', () => {
    if (current !== connection) return;
    state.value = 'live';
    if (everConnected) for (const subscriber of subscribers) subscriber.onResync?.();
    everConnected = true;
  });
  connection.on('disconnect', () => {
    if (current === connection) state.value = 'offline';
  });
  connection.on('connect_error', (error) => {
    if (current !== connection || connection.active) {
      if (current === connection) state.value = 'offline';
      return;
    }
    // Refused by the server, which Socket.IO does not retry: for good when signed out, later when the server failed.
    if (error.message === 'UNAUTHENTICATED') {
      state.value = 'refused';
    } else {
      state.value = 'offline';
      setTimeout(() => current === connection && connection.connect(), RETRY_AFTER_REFUSAL_MS);
    }
  });
  connection.onAny((name: string, payload: unknown) => {
    if (current !== connection) return;
    for (const subscriber of subscribers) {
      const handler = subscriber.handlers[name as LiveEventName] as ((value: unknown) => void) | undefined;
      handler?.(payload);
    }
  });
  return connection;
}

function subscribe(subscriber: Subscriber): void {
  clearTimeout(closeTimer);
  subscribers.add(subscriber);
  if (!socket) {
    state.value = 'connecting';
    socket = open();
    socket.catch(() => {
      // The library could not be fetched (offline, new deployment): the screen still works without live updates.
      state.value = 'offline';
      socket = null;
    });
  }
}

function unsubscribe(subscriber: Subscriber): void {
  subscribers.delete(subscriber);
  if (subscribers.size > 0) return;
  closeTimer = setTimeout(() => {
    const closing = socket;
    socket = null;
    current = null;
    void closing?.then((connection) => connection.disconnect());
  }, CLOSE_DELAY_MS);
}

/**
 * Live events for the calling screen while it is mounted. Payloads only say what changed:
 * handlers reload the record through the API, which applies the caller's rights.
 */
export function useRealtime(handlers: LiveHandlers, options: { onResync?: () => void } = {}) {
  const subscriber: Subscriber = { handlers, onResync: options.onResync };
  onMounted(() => subscribe(subscriber));
  onBeforeUnmount(() => unsubscribe(subscriber));
  return { state: readonly(state) };
}

/** Several events of one action (a move changes two rules) make one read. */
const GATHER_MS = 250;

/**
 * Reads the screen's data again when `name` arrives about it (`concerns`), and after a
 * reconnection: a burst of events makes one read, dropped if the screen goes.
 */
export function useLiveRefresh<K extends LiveEventName>(name: K, concerns: (payload: LiveEvents[K]) => boolean, refresh: () => void) {
  const soon = debounce(GATHER_MS, refresh);
  const handlers: LiveHandlers = { [name]: (payload: LiveEvents[K]) => concerns(payload) && soon() };
  onBeforeUnmount(() => soon.cancel());
  return useRealtime(handlers, { onResync: () => soon() });
}
