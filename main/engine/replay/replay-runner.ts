/**
 * Replays recorded connections against a live server: one timeline of opens, sends, expected
 * messages and closes (shared/replay/replay-items.ts), paced by the mode — `lockstep` waits for
 * the server messages recorded before each action, `timed` keeps the recorded gaps (divided by
 * the speed), `fast` sends as fast as the server takes them — then a report of what differed.
 */
import type { ConversationConnection } from '../../../shared/interchange/conversation.js';
import type { SessionEvent } from '../../../shared/model/events.js';
import type { IgnorePath } from '../../../shared/replay/ignore-paths.js';
import type { MessageMatcher } from '../../../shared/replay/message-matcher.js';
import { itemTotals, replayItems, type ReplayItem } from '../../../shared/replay/replay-items.js';
import type { ReplayMode, ReplayReport } from '../../../shared/replay/replay-report.js';
import type { ClientOptions } from '../client/client-options.js';
import type { Engine } from '../engine.js';
import { LiveConnection } from './live-connection.js';
import { compareClose } from './replay-close.js';

/** How to replay. */
export interface ReplayOptions {
  readonly mode: ReplayMode;
  /** `timed`: recorded gaps are divided by this (2 = twice as fast). */
  readonly speed: number;
  /** Ms to wait for a step's messages (lockstep), for the last messages, and for an expected close. */
  readonly timeout: number;
  readonly matcher: MessageMatcher;
  readonly ignore: readonly IgnorePath[];
  /** A reply slower than recorded by more than this many ms is a difference; null: not checked. */
  readonly tolerance: number | null;
  /** Where and how to connect for a recorded connection. */
  readonly clientOptions: (connection: ConversationConnection) => ClientOptions;
  /** Called as messages go out and come in (often: throttle the display). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting stops the replay at the next step and reports what was done. */
  readonly signal?: AbortSignal;
}

/** Messages sent in `fast` mode before waiting for the socket to take them. */
const FAST_WINDOW = 512;

/** Replays the connections and reports the differences. */
export async function runReplay(
  engine: Engine,
  connections: readonly ConversationConnection[],
  options: ReplayOptions,
): Promise<ReplayReport> {
  const started = engine.clock.now();
  const items = replayItems(connections);
  const totals = itemTotals(items);
  const total = totals.sends + totals.expects;
  const expectationOptions = {
    matcher: options.matcher,
    ignore: options.ignore,
    tolerance: options.mode === 'fast' ? null : options.tolerance,
    pairByStep: options.mode === 'lockstep',
  };
  const live = new Map<number, LiveConnection>();
  for (const c of connections)
    live.set(c.id, new LiveConnection(c, engine, options.clientOptions(c), expectationOptions));
  const all = [...live.values()];
  let changed: (() => void) | null = null;
  const progress = (): void => {
    if (options.onProgress === undefined) return;
    let done = 0;
    for (const l of all) done += l.sent + l.expectations.matched;
    options.onProgress?.(done, total);
  };
  // Matching needs messages and lifecycle events only: no frame events are built for it.
  const unsubscribe = engine.subscribe(
    (event: SessionEvent) => {
      for (const l of all) l.onEvent(event);
      if (event.type === 'message' || event.type === 'closed') {
        progress();
        changed?.();
      }
    },
    { frames: false },
  );
  const outstanding = (): boolean => all.some((l) => l.alive && l.expectations.outstanding > 0);
  /** Waits until nothing is awaited (or the timeout: then what is awaited is missing). */
  const settle = async (): Promise<void> => {
    if (!outstanding()) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, options.timeout);
      function finish(): void {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', finish);
        changed = null;
        resolve();
      }
      changed = () => {
        if (!outstanding()) finish();
      };
      options.signal?.addEventListener('abort', finish);
    });
    for (const l of all) l.expectations.giveUp();
  };
  const inFlight: Promise<void>[] = [];
  /** What to wait for before `item`; null when nothing (fast mode between window flushes: no await per send). */
  const pace = (item: ReplayItem): Promise<unknown> | null => {
    if (options.mode === 'lockstep') return settle();
    if (options.mode === 'timed')
      return sleepUntil(engine, started + item.at / options.speed, options.signal);
    if (inFlight.length >= FAST_WINDOW || item.kind !== 'send') return Promise.all(inFlight.splice(0));
    return null;
  };
  try {
    for (const item of items) {
      if (options.signal?.aborted === true) break;
      const l = live.get(item.conn) as LiveConnection;
      if (item.kind === 'expect') {
        if (l.session !== null && l.failure === null) l.expectations.expect(item, engine.clock.now());
        continue;
      }
      if (item.kind === 'expect-close') continue;
      const wait = pace(item);
      if (wait !== null) await wait;
      // A cancel ends the wait early: it must not send what the wait was for.
      if (cancelled(options.signal)) break;
      if (item.kind === 'open') {
        if (await l.open()) l.expectations.startStep(0, engine.clock.now());
      } else if (item.kind === 'send') {
        l.expectations.startStep(item.step, engine.clock.now());
        const sending = l.send(item.message);
        if (options.mode === 'fast') inFlight.push(sending);
        else await sending;
        progress();
      } else {
        await settle();
        l.close(item.close.code, item.close.reason);
      }
    }
    await Promise.all(inFlight.splice(0));
    await settle();
    await Promise.all(all.map((l) => endOf(l, options.timeout)));
  } finally {
    unsubscribe();
  }
  const reports = all.map((l) => l.report());
  return {
    mode: options.mode,
    match: options.matcher.mode,
    target: reports[0]?.url ?? '',
    connections: reports,
    differences: reports.reduce((n, r) => n + r.findings.length, 0),
    durationMs: Math.round(engine.clock.now() - started),
  };
}

/** Whether the replay was cancelled (a function: the loop's earlier check must not narrow it). */
function cancelled(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Waits for the recorded end of a connection (the server's close) and compares it; closes it otherwise. */
async function endOf(l: LiveConnection, timeout: number): Promise<void> {
  const expected = l.recorded.close;
  if (l.session === null) return;
  if (expected !== null && expected.initiator !== 'client') await l.closedWithin(timeout);
  const closedByServer = l.closed;
  await l.finish();
  if (expected === null || l.failure !== null) return;
  const finding = compareClose(
    expected,
    expected.initiator === 'client' ? l.closed : closedByServer,
    timeout,
  );
  if (finding !== null) l.expectations.note(finding);
}

async function sleepUntil(engine: Engine, when: number, signal: AbortSignal | undefined): Promise<void> {
  const ms = when - engine.clock.now();
  if (ms <= 0 || signal?.aborted === true) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}
