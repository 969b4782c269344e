/**
 * A ServerPort with no socket behind it, for testing behaviours (handlers, mock rules): it records
 * every call, runs timers for real, and `end()` does what the server does when a connection ends
 * (no longer open, timers cleared). Waits are event-driven: waitFor resolves on the call itself.
 */
import type { Outgoing } from '../client/client-options.js';
import type { ServerPort, UpgradeInfo } from '../server/behaviour.js';

/** One recorded call. */
export interface PortCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

/** An upgrade request with defaults for what a test does not care about. */
export function fakeUpgrade(overrides: Partial<UpgradeInfo> = {}): UpgradeInfo {
  return {
    path: '/',
    query: {},
    headers: { host: '127.0.0.1' },
    rawHeaders: [['Host', '127.0.0.1']],
    cookies: {},
    subprotocols: [],
    origin: null,
    remoteAddress: '127.0.0.1',
    remotePort: 50_000,
    ...overrides,
  };
}

/** What a FakePort starts with. */
export interface FakePortOptions {
  readonly id?: number;
  readonly upgrade?: Partial<UpgradeInfo>;
  readonly subprotocol?: string | null;
  /** Share one Map between ports to test server-wide values. */
  readonly shared?: Map<string, unknown>;
  /** What broadcast resolves with (default 1). */
  readonly broadcastReach?: number;
}

/** A recording ServerPort. */
export class FakePort implements ServerPort {
  readonly calls: PortCall[] = [];
  readonly id: number;
  readonly upgrade: UpgradeInfo;
  readonly subprotocol: string | null;
  readonly rooms = new Set<string>();
  readonly state = new Map<string, unknown>();
  readonly shared: Map<string, unknown>;
  readonly counters = { in: 0, out: 0 };
  private open = true;
  private readonly openedAt = Date.now();
  private readonly timers = new Set<() => void>();
  private readonly broadcastReach: number;
  private waiters: {
    readonly test: (call: PortCall) => boolean;
    readonly resolve: (call: PortCall) => void;
  }[] = [];

  constructor(options: FakePortOptions = {}) {
    this.id = options.id ?? 1;
    this.upgrade = fakeUpgrade(options.upgrade);
    this.subprotocol = options.subprotocol ?? null;
    this.shared = options.shared ?? new Map();
    this.broadcastReach = options.broadcastReach ?? 1;
  }

  readonly age = (): number => Date.now() - this.openedAt;
  readonly isOpen = (): boolean => this.open;

  send(message: Outgoing, options?: object): Promise<void> {
    this.record('send', [message, options]);
    if (this.open) this.counters.out += 1;
    return Promise.resolve();
  }
  ping(data?: string | Uint8Array): void {
    this.record('ping', [data]);
  }
  sendRaw(frames: readonly unknown[]): Promise<void> {
    this.record('sendRaw', [frames]);
    return Promise.resolve();
  }
  close(request?: object): void {
    this.record('close', [request]);
  }
  drop(): void {
    this.record('drop', []);
  }
  setAutoPong(on: boolean): void {
    this.record('setAutoPong', [on]);
  }
  heartbeat(options: object): void {
    this.record('heartbeat', [options]);
  }
  join(room: string): void {
    this.rooms.add(room);
    this.record('join', [room]);
  }
  leave(room: string): void {
    this.rooms.delete(room);
    this.record('leave', [room]);
  }
  broadcast(room: string | null, message: Outgoing, options?: object): Promise<number> {
    this.record('broadcast', [room, message, options]);
    return Promise.resolve(this.broadcastReach);
  }
  setTimeout(fn: () => void, ms: number): () => void {
    return this.timer(fn, ms, false);
  }
  setInterval(fn: () => void, ms: number): () => void {
    return this.timer(fn, ms, true);
  }
  matched(note: object): void {
    this.record('matched', [note]);
  }
  log(message: string, level?: 'info' | 'warn' | 'error'): void {
    this.record('log', [message, level]);
  }
  error(code: string, message: string): void {
    this.record('error', [code, message]);
  }

  /** What the server does when the connection is over: closed, every timer cleared. */
  end(): void {
    this.open = false;
    for (const cancel of this.timers) cancel();
  }

  /** Timers still armed. */
  get activeTimers(): number {
    return this.timers.size;
  }

  /** The messages sent so far. */
  get sent(): Outgoing[] {
    return this.argsOf('send').map((args) => args[0] as Outgoing);
  }

  /** The `error` events so far. */
  get errors(): { code: string; message: string }[] {
    return this.argsOf('error').map(([code, message]) => ({
      code: code as string,
      message: message as string,
    }));
  }

  /** The arguments of every call to `method`. */
  argsOf(method: string): (readonly unknown[])[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  /** The first call (past or future) to `method` that passes `test`; rejects after `timeoutMs`. */
  waitFor(
    method: string,
    test: (args: readonly unknown[]) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<readonly unknown[]> {
    const match = (call: PortCall): boolean => call.method === method && test(call.args);
    const seen = this.calls.find(match);
    if (seen) return Promise.resolve(seen.args);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `no ${method} call within ${timeoutMs} ms; saw: ${this.calls.map((c) => c.method).join(', ') || 'nothing'}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push({
        test: match,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call.args);
        },
      });
    });
  }

  private record(method: string, args: readonly unknown[]): void {
    const call = { method, args };
    this.calls.push(call);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.test(call)) return true;
      waiter.resolve(call);
      return false;
    });
  }

  private timer(fn: () => void, ms: number, repeat: boolean): () => void {
    if (!this.open) return () => undefined;
    const once = (): void => {
      cancel();
      fn();
    };
    const handle = repeat ? setInterval(fn, ms) : setTimeout(once, ms);
    const cancel = (): void => {
      clearTimeout(handle);
      this.timers.delete(cancel);
    };
    this.timers.add(cancel);
    this.record(repeat ? 'setInterval' : 'setTimeout', [ms]);
    return cancel;
  }
}
