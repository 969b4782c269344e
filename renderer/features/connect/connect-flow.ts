/**
 * What happens after Connect: the command goes to main, and once the new session's first
 * connection shows up in the store it is selected (its `connecting` event may come in a batch
 * before or after the command's answer, so both orders are handled).
 */
import type { ConnectInput } from '../../../shared/ipc/contract.js';
import type { BridgeError } from '../../../shared/ipc/result.js';
import type { Connections } from '../../store/connections.js';
import type { ConsoleModel, ConsoleStore } from '../../store/console-store.js';

/** How long to wait for the session's first event before giving up on selecting it. */
export const FOLLOW_TIMEOUT_MS = 30_000;

/** The first connection of client session `session`, or null when none arrived yet. */
export function firstConnectionOf(connections: Connections, session: number): number | null {
  let first: number | null = null;
  for (const view of Object.values(connections)) {
    if (view.role === 'client' && view.session === session && (first === null || view.conn < first)) {
      first = view.conn;
    }
  }
  return first;
}

/**
 * Selects session `session`'s first connection when it appears, unless the user selected something
 * else meanwhile. Returns the function that stops waiting.
 */
export function followSession(
  store: ConsoleStore,
  session: number,
  timeoutMs = FOLLOW_TIMEOUT_MS,
): () => void {
  const selectedBefore = store.getState().selectedConn;
  let done = false;
  let unsubscribe: () => void = () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    done = true;
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
  const check = (): void => {
    const state = store.getState();
    if (done) return;
    if (state.selectedConn !== selectedBefore) return stop();
    const conn = firstConnectionOf(state.connections, session);
    if (conn === null) return;
    stop();
    state.selectConn(conn);
  };
  check();
  if (!done) {
    unsubscribe = store.subscribe(check);
    timer = setTimeout(stop, timeoutMs);
  }
  return stop;
}

/** The error of a failed command, as the status bar and the form show it. */
export function errorText(error: BridgeError): string {
  return `${error.code}: ${error.message}`;
}

/** Starts the session; on success follows it and shows the inspector, on failure returns the error text. */
export async function connectSession(model: ConsoleModel, input: ConnectInput): Promise<string | null> {
  const result = await model.bridge.call('session.connect', input);
  const state = model.store.getState();
  if (!result.ok) {
    const text = errorText(result.error);
    state.notify('error', text);
    return text;
  }
  followSession(model.store, result.value.session);
  state.setTab('inspector');
  return null;
}
