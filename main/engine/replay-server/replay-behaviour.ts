/**
 * `wstap serve --replay`: a server that answers like a recording. Each client gets a recorded
 * connection (pool.ts) and its own cursor (cursor.ts); the server messages recorded before the
 * first client message are pushed on connect, and each live client message that matches a
 * recorded one (match.ts) gets that message's replies (script.ts) with the recorded gaps divided
 * by `speed`, correlated values copied in (ready-steps.ts). The timeline says which recorded
 * connection a client got (`log`), which recorded message each live one matched (`rule`), every
 * mismatch (`log` warn) and where the script ends (`log`).
 */
import type { ConversationConnection } from '../../../shared/interchange/conversation.js';
import { parseIgnorePath, type IgnorePath } from '../../../shared/replay/ignore-paths.js';
import { ConnectionTimers } from '../mock/actions.js';
import type { JsonPath } from '../mock/definition.js';
import type { Behaviour, HandshakeDecision, ServerPort, UpgradeInfo } from '../server/behaviour.js';
import { ReplayCursor } from './cursor.js';
import { describeAssigned, describeEnd, describeMismatch, preview } from './describe.js';
import { MessageMatcher } from './match.js';
import { ConnectionPool } from './pool.js';
import { describeReady, readySteps, type Ready } from './ready-steps.js';
import { buildScript, type ReplayScript } from './script.js';

/** How the replay server plays its recording. */
export interface ReplayServerOptions {
  /** Recorded gaps are divided by this (2: twice as fast); 0 sends without waiting. Default 1. */
  readonly speed?: number;
  /** A live message may match any of the next `window` unmatched recorded client messages. Default 8. */
  readonly window?: number;
  /** A client message the recording lacks is logged as a warning; `close` also closes with 1008. */
  readonly onMismatch?: 'warn' | 'close';
  /** Paths copied from each live request into its replies (not compared when matching). */
  readonly correlate?: readonly JsonPath[];
  /** Paths not compared when matching (timestamps, nonces); wildcards allowed (shared/replay/ignore-paths.ts). */
  readonly ignore?: readonly IgnorePath[];
  /** The behaviour's name in the timeline. */
  readonly name?: string;
}

/** The default --window. */
export const DEFAULT_REPLAY_WINDOW = 8;

/** The close a client gets with `onMismatch: 'close'` (1008 Policy Violation). */
export const MISMATCH_CLOSE = { code: 1008, reason: 'message not in the recording' } as const;

/** One client's replay. */
interface Live {
  readonly script: ReplayScript;
  /** `recorded #3`: the recorded connection's id, as the timeline names it. */
  readonly label: string;
  readonly cursor: ReplayCursor;
  readonly timers: ConnectionTimers;
  /** Step lists in progress (their sends wait on timers). */
  running: number;
  ended: boolean;
}

/** The Behaviour that serves recorded `connections` (selectConnections picks them from a conversation). */
export function createReplayBehaviour(
  connections: readonly ConversationConnection[],
  options: ReplayServerOptions = {},
): Behaviour {
  const speed = options.speed ?? 1;
  const correlate = options.correlate ?? [];
  const scripts = connections.map((c) => buildScript(c, correlate));
  // A correlated field differs by design: it is not compared either.
  const correlated = correlate.flatMap((p) => {
    const path = parseIgnorePath(p.source);
    return 'error' in path ? [] : [path];
  });
  const matcher = new MessageMatcher([...(options.ignore ?? []), ...correlated]);
  const pool = new ConnectionPool(scripts);
  const requests = new Map(
    scripts.map((s) => [s, s.exchanges.map((e) => matcher.recorded(e.request))] as const),
  );
  const lives = new WeakMap<ServerPort, Live>();
  const all = new Set<Live>();

  /** Plays steps in order, each due its gap (÷ speed) after the one before. */
  const play = async (port: ServerPort, live: Live, steps: readonly Ready[]): Promise<void> => {
    live.running++;
    try {
      const start = performance.now();
      let due = 0;
      for (const [index, step] of steps.entries()) {
        // Due times add up from the start, so timer lateness does not pile up over a long batch.
        due += speed === 0 ? 0 : step.gap / speed;
        const wait = start + due - performance.now();
        if (wait > 0 && !(await live.timers.sleep(wait))) return;
        if (live.timers.isStopped) return;
        // Said before the last step goes out: a compressed reply's message event comes only
        // after the tap inflated it, and the note must not read as if it came first.
        if (index === steps.length - 1 && endsHere(live, 1)) reportEnd(port, live, step.kind === 'close');
        if (step.kind === 'close') {
          // Forced: a recorded code is replayed even where RFC 6455 forbids it.
          return port.close(step.code === null ? {} : { code: step.code, reason: step.reason, force: true });
        }
        await port.send(step.outgoing, step.options);
      }
    } finally {
      live.running--;
      if (endsHere(live, 0)) reportEnd(port, live, false);
    }
  };

  return {
    name: options.name ?? 'replay',

    handshake: (upgrade) => handshake(upgrade, pool.peek(upgrade.path).connection.subprotocol),

    async open(port) {
      const { script, note } = pool.take(port.upgrade.path);
      const live: Live = {
        script,
        label: `recorded #${script.connection.id}`,
        cursor: new ReplayCursor(
          requests.get(script) ?? [],
          matcher,
          options.window ?? DEFAULT_REPLAY_WINDOW,
        ),
        timers: new ConnectionTimers(port),
        running: 0,
        ended: false,
      };
      lives.set(port, live);
      all.add(live);
      port.log(describeAssigned(script, note));
      if (script.pushes.length === 0) {
        if (endsHere(live, 0)) reportEnd(port, live, false);
        return;
      }
      const ready = readySteps(script.pushes, correlate, null);
      port.matched({
        route: live.label,
        rule: 'on-connect',
        index: null,
        actions: describeReady(ready, speed),
      });
      await play(port, live, ready);
    },

    async message(port, message) {
      const live = lives.get(port);
      if (live === undefined) return;
      const text = message.type === 'text' ? message.text : null;
      const comparable = matcher.live(message.type, message.bytes, text);
      const taken = live.cursor.take(comparable);
      if (taken.kind === 'mismatch') {
        const said = describeMismatch(
          live.script,
          { index: message.index, preview: preview(message.type, message.bytes, text) },
          taken.closest,
        );
        const closing = options.onMismatch === 'close';
        port.log(`${live.label}: ${said}${closing ? `; closing with ${MISMATCH_CLOSE.code}` : ''}`, 'warn');
        if (closing) port.close(MISMATCH_CLOSE);
        return;
      }
      const recorded = requests.get(live.script)?.[taken.index];
      const replies = live.script.exchanges[taken.index]?.replies ?? [];
      const ready = readySteps(
        replies,
        correlate,
        recorded === undefined ? null : { live: comparable, recorded },
      );
      const order =
        taken.ahead > 0 ? ` (ahead of ${taken.ahead} earlier one${taken.ahead === 1 ? '' : 's'})` : '';
      port.matched({
        route: live.label,
        rule: `client message ${taken.index + 1}${order}`,
        index: taken.index,
        actions: describeReady(ready, speed),
      });
      await play(port, live, ready);
    },

    closed(port) {
      const live = lives.get(port);
      if (live === undefined) return;
      live.timers.stopAll();
      all.delete(live);
      lives.delete(port);
    },

    dispose() {
      for (const live of all) live.timers.stopAll();
      all.clear();
    },
  };
}

/**
 * Accepts with the subprotocol the recording used when the client offers it; a client offering
 * others gets its first (browsers fail a connection that offered subprotocols and got none).
 */
function handshake(upgrade: UpgradeInfo, recorded: string | null): HandshakeDecision {
  const offered = upgrade.subprotocols;
  if (recorded !== null && offered.includes(recorded)) return { accept: true, subprotocol: recorded };
  const chosen = offered[0] ?? null;
  if (chosen === null && recorded === null) return { accept: true, subprotocol: null };
  return {
    accept: true,
    subprotocol: chosen,
    note: `the recording used subprotocol ${recorded ?? '(none)'}; the client offered ${offered.join(', ') || 'none'}: selecting ${chosen ?? 'none'}`,
  };
}

/** The script is played out once `pending` step lists are done: the last recorded client message was answered (or there was none). */
function endsHere(live: Live, pending: number): boolean {
  const last = live.script.exchanges.length - 1;
  return !live.ended && live.running === pending && (last < 0 || live.cursor.isMatched(last));
}

/** Says where the replay stands at the end of the script. */
function reportEnd(port: ServerPort, live: Live, closing: boolean): void {
  live.ended = true;
  if (closing) port.log(`${live.label}: end of the recording: closing as its server did`);
  else if (port.isOpen()) port.log(`${live.label}: ${describeEnd(live.script, live.cursor.unmatched())}`);
}
