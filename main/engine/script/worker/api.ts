/**
 * The functions a script imports from 'wstap' (types/script.d.ts), bound to one run: its
 * connections, its expectation counts, its timers. `typeof Api` is checked against the shipped
 * declarations, so the two cannot drift apart.
 */
import { inspect } from 'node:util';
import type { SessionEvent } from '../../../../shared/model/events.js';
import type * as Api from '../../../../types/script.js';
import type { ConnectOptions } from '../../../../types/script.js';
import type { FromWorker } from '../script-protocol.js';
import { makeAssert } from './assertions.js';
import { ScriptConnection, type ConnectionHost } from './connection.js';
import { clientOptions } from './connect-options.js';
import { callSite, ScriptFailure } from './failures.js';
import type { ScriptRpc } from './rpc.js';

export interface RunContext {
  readonly rpc: ScriptRpc;
  readonly post: (message: FromWorker) => void;
  readonly t0: number;
  readonly name: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly expectTimeout: number;
}

/** The API object plus what the worker needs to end the run. */
export interface ScriptRun {
  readonly api: typeof Api;
  /** Routes an engine event to the connection it belongs to. */
  event(event: SessionEvent): void;
  /** Rejects with the first failure reported out of band (a listener, a timer, an unawaited promise). */
  readonly fatal: Promise<never>;
  /** Reports such a failure. */
  fail(error: unknown): void;
  readonly counts: () => { passed: number; failed: number };
  readonly softFailures: { message: string; stack: string }[];
  /** Stops the run's timers. */
  stopTimers(): void;
}

export function createRun(ctx: RunContext): ScriptRun {
  let passed = 0;
  const softFailures: { message: string; stack: string }[] = [];
  const sessions = new Map<number, ScriptConnection>();
  const sessionOfConn = new Map<number, number>();
  /** Events of sessions whose connection object is not made yet (the reply races the events). */
  const early = new Map<number, SessionEvent[]>();
  const timers = new Set<NodeJS.Timeout>();
  let fail!: (error: unknown) => void;
  const fatal = new Promise<never>((_, reject) => (fail = reject));
  fatal.catch(() => undefined); // observed by the worker's race; never an unhandled rejection
  const host: ConnectionHost = { rpc: ctx.rpc, t0: ctx.t0, passed: () => void passed++, fail };

  const route = (event: SessionEvent): void => {
    let session: number | undefined;
    if (event.type === 'connecting') sessionOfConn.set(event.conn, (session = event.session));
    else if (event.type === 'session-end') session = event.session;
    else session = sessionOfConn.get(event.conn);
    if (session === undefined) return;
    const connection = sessions.get(session);
    if (connection !== undefined) return connection.onEvent(event);
    const waiting = early.get(session) ?? [];
    waiting.push(event);
    early.set(session, waiting);
  };

  async function connect(url: string, options: ConnectOptions = {}): Promise<Api.Connection> {
    const stack = callSite();
    const converted = clientOptions(url, options, ctx.name);
    if (typeof converted === 'string')
      throw new ScriptFailure('error', `connect(${JSON.stringify(url)}): ${converted}`, stack);
    let session: number;
    try {
      session = await ctx.rpc.call<number>({ op: 'connect', options: converted });
    } catch (error) {
      throw new ScriptFailure('error', `connect(${JSON.stringify(url)}): ${(error as Error).message}`, stack);
    }
    const timeout = options.expectTimeout ?? ctx.expectTimeout;
    const connection = new ScriptConnection(session, url, converted.reconnect !== undefined, timeout, host);
    // Listeners given with the options see everything, the attempts before the first open too.
    for (const [name, listener] of Object.entries(options.on ?? {}))
      connection.on(name as keyof Api.ConnectionEvents, listener as never);
    sessions.set(session, connection);
    for (const event of early.get(session) ?? []) connection.onEvent(event);
    early.delete(session);
    await connection.ready(stack);
    return connection;
  }

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function every(ms: number, fn: () => void | Promise<void>): () => void {
    const stack = callSite();
    if (!(ms > 0))
      throw new ScriptFailure('error', `every(${ms}, …): the interval must be a number of ms above 0`, stack);
    const timer = setInterval(() => {
      try {
        Promise.resolve(fn()).catch(fail);
      } catch (error) {
        fail(error);
      }
    }, ms);
    timers.add(timer);
    return () => {
      clearInterval(timer);
      timers.delete(timer);
    };
  }

  const log = (...values: unknown[]): void => {
    const message = values
      .map((v) => (typeof v === 'string' ? v : inspect(v, { depth: 6, breakLength: Infinity })))
      .join(' ');
    ctx.post({ kind: 'log', level: 'info', message });
  };

  const assert = makeAssert(() => void passed++);

  function check(value: unknown, message: string): boolean {
    if (value) {
      passed++;
      return true;
    }
    const stack = callSite() ?? '';
    softFailures.push({ message: `check failed: ${message}`, stack });
    ctx.post({ kind: 'log', level: 'error', message: `✗ check failed: ${message}` });
    return false;
  }

  const api: typeof Api = {
    connect,
    sleep,
    every,
    log,
    assert,
    check,
    env: ctx.env,
    args: ctx.args,
    scriptName: ctx.name,
  };
  return {
    api,
    event: route,
    fatal,
    fail,
    counts: () => ({ passed, failed: softFailures.length }),
    softFailures,
    stopTimers: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
