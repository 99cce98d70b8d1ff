import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { liveMessageSchema } from '../../shared/live-events.js';
import { reconnectDelay, refreshFor, RECONNECT } from './live-refresh.js';

/** `live`: events arrive; `connecting`: first attempt; `offline`: lost, retrying with backoff. */
export type LiveStatus = 'connecting' | 'live' | 'offline';

/**
 * The tab's one WebSocket to `/api/v1/ws` (the session cookie signs it in). Events are hints:
 * each marks the queries it concerns out of date and TanStack Query refetches the ones on screen.
 * After any gap (a reconnect) every query is marked out of date, because events missed meanwhile
 * are never replayed.
 */
class LiveConnection {
  status: LiveStatus = 'connecting';
  private socket: WebSocket | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private everConnected = false;
  private running = false;
  private readonly spreadTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly queryClient: QueryClient) {}

  start() {
    if (this.running) return;
    this.running = true;
    this.open();
  }

  stop() {
    this.running = false;
    clearTimeout(this.retryTimer);
    for (const timer of this.spreadTimers.values()) clearTimeout(timer);
    this.spreadTimers.clear();
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'signed out');
    this.setStatus('connecting');
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setStatus(status: LiveStatus) {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.listeners) listener();
  }

  private open() {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${window.location.host}/api/v1/ws`);
    this.socket = socket;
    socket.onmessage = (message: MessageEvent<string>) => this.receive(message.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (!this.running) return;
      this.setStatus(this.everConnected ? 'offline' : 'connecting');
      this.retryTimer = setTimeout(() => this.open(), reconnectDelay(this.failures));
      this.failures += 1;
    };
  }

  private receive(data: string) {
    let message;
    try {
      message = liveMessageSchema.parse(JSON.parse(data));
    } catch {
      // A newer server's event this page does not know: the next refetch shows its effect.
      return;
    }
    if (message.type === 'ready') {
      this.failures = 0;
      // Connected again after a gap: whatever changed meanwhile is unknown, so ask again.
      if (this.everConnected) void this.queryClient.invalidateQueries();
      this.everConnected = true;
      this.setStatus('live');
      return;
    }
    const { now, spread } = refreshFor(message);
    for (const queryKey of now) void this.queryClient.invalidateQueries({ queryKey });
    for (const queryKey of spread) this.refreshLater(queryKey);
  }

  /** One refetch per key however many hints arrive while it waits. */
  private refreshLater(queryKey: QueryKey) {
    const id = JSON.stringify(queryKey);
    if (this.spreadTimers.has(id)) return;
    const delay = Math.round(Math.random() * RECONNECT.spreadMs);
    this.spreadTimers.set(
      id,
      setTimeout(() => {
        this.spreadTimers.delete(id);
        void this.queryClient.invalidateQueries({ queryKey });
      }, delay),
    );
  }
}

let shared: LiveConnection | undefined;

function connectionFor(queryClient: QueryClient): LiveConnection {
  shared ??= new LiveConnection(queryClient);
  return shared;
}

/** Keeps the tab's live connection open while the component using it (the app layout) is shown. */
export function useLiveUpdates() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const connection = connectionFor(queryClient);
    connection.start();
    return () => connection.stop();
  }, [queryClient]);
}

/** The live connection's state, for the indicator in the header. */
export function useLiveStatus(): LiveStatus {
  const queryClient = useQueryClient();
  const connection = connectionFor(queryClient);
  return useSyncExternalStore(connection.subscribe, () => connection.status);
}
