/**
 * The bridge in browser mode (`wstap ui`): the contract over one WebSocket to the page's own server
 * at /bridge, with the token the page URL carries. Calls made before the socket opens wait for it;
 * when it closes, every pending and later call resolves DISCONNECTED (a restarted wstap has a new
 * token: the page must be opened again from the URL it prints).
 */
import type { EventBatch, WstapBridge } from '../../shared/ipc/contract.js';
import { fail, type Result } from '../../shared/ipc/result.js';
import {
  BRIDGE_PATH,
  parseWebServerMessage,
  TOKEN_PARAM,
  type Lag,
  type WebRequest,
} from '../../shared/ipc/web-protocol.js';

/** The part of a WebSocket the transport uses (the DOM's, or `ws`'s in Node tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
}

/** Makes a socket for a URL (the global WebSocket by default). */
export type SocketConstructor = new (url: string) => SocketLike;

/** The contract plus what only browser mode has. */
export interface WebBridge extends WstapBridge {
  /** Listens to reports of batches main skipped because this page read too slowly. */
  onLagged(listener: (lag: Lag) => void): () => void;
  /** Listens to the socket's end (wstap stopped, or the page must be reopened). */
  onDisconnect(listener: (reason: string) => void): () => void;
  /** Closes the socket (pending calls resolve DISCONNECTED). */
  close(): void;
}

const OPEN = 1;

/** The bridge URL for a page URL: same host, ws(s), the page's token; null when it has no token. */
export function bridgeUrl(href: string): string | null {
  const page = new URL(href);
  const token = page.searchParams.get(TOKEN_PARAM);
  if (token === null || token === '') return null;
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}${BRIDGE_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

/** Calls each listener; one that throws is reported on the console without stopping the others. */
function emit<T>(listeners: ReadonlySet<(value: T) => void>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch (error) {
      console.error('wstap bridge: a listener failed', error);
    }
  }
}

/** Opens the bridge for the page at `location` (pass `window.location`). */
export function createWebBridge(
  location: { readonly href: string },
  Socket: SocketConstructor = globalThis.WebSocket,
): WebBridge {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const queued: string[] = [];
  const batchListeners = new Set<(batch: EventBatch) => void>();
  const lagListeners = new Set<(lag: Lag) => void>();
  const disconnectListeners = new Set<(reason: string) => void>();
  let nextId = 1;
  let ended: string | null = null;

  const end = (reason: string): void => {
    if (ended !== null) return;
    ended = reason;
    queued.length = 0;
    const waiting = [...pending.values()];
    pending.clear();
    for (const resolve of waiting) resolve(fail('DISCONNECTED', reason));
    emit(disconnectListeners, reason);
  };

  const url = bridgeUrl(location.href);
  let socket: SocketLike | null = null;
  if (url === null) {
    end('this page was opened without its token: open the URL `wstap ui` printed');
  } else {
    socket = new Socket(url);
    const opened = socket;
    opened.addEventListener('open', () => {
      for (const text of queued.splice(0)) opened.send(text);
    });
    opened.addEventListener('message', (event) => {
      const message = typeof event.data === 'string' ? parseWebServerMessage(event.data) : null;
      if (message === null) return;
      if ('result' in message) {
        const resolve = message.id === null ? undefined : pending.get(message.id);
        if (resolve) {
          pending.delete(message.id as number);
          resolve(message.result);
        }
      } else if ('batch' in message) {
        emit(batchListeners, message.batch);
      } else {
        emit(lagListeners, message.lagged);
      }
    });
    // An error is always followed by close, which says what happened (listened to all the same:
    // an EventEmitter-based socket throws an error nobody listens to).
    opened.addEventListener('error', () => undefined);
    opened.addEventListener('close', () =>
      end(
        'the console lost its connection to wstap: it stopped, or this page needs reopening from the URL it printed',
      ),
    );
  }

  return {
    call(channel, input) {
      if (ended !== null) return Promise.resolve(fail('DISCONNECTED', ended));
      const id = nextId++;
      const text = JSON.stringify({ id, channel, input } satisfies WebRequest);
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        if (socket?.readyState === OPEN) socket.send(text);
        else queued.push(text);
      });
    },
    onBatch(listener) {
      batchListeners.add(listener);
      return () => void batchListeners.delete(listener);
    },
    onLagged(listener) {
      lagListeners.add(listener);
      return () => void lagListeners.delete(listener);
    },
    onDisconnect(listener) {
      disconnectListeners.add(listener);
      return () => void disconnectListeners.delete(listener);
    },
    close() {
      socket?.close(1000);
      end('the console closed its connection to wstap');
    },
  };
}
