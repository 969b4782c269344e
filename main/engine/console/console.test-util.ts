import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, EventBatch, Input, Output } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/ipc/result.js';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import type { SessionEvent } from '../../../shared/model/events.js';
import { createConsoleService, type ConsoleService, type ConsoleServiceOptions } from './console-service.js';
import { dispatch } from './dispatch.js';

/** One inspector row, read out of a columnar batch. */
export interface Row {
  readonly id: number;
  readonly conn: number;
  readonly t: number;
  readonly flags: number;
  readonly length: number;
  readonly extra: number;
  readonly preview: string;
}

/** Whether a row has (any of) `flag`. */
export const hasFlag = (r: Row, flag: number): boolean => (r.flags & flag) !== 0;

/** A message row (else a frame row). */
export const isMessageRow = (r: Row): boolean => hasFlag(r, ROW_FLAG.MESSAGE);

/**
 * A row that stands for a data message: a message row (fragmented, compressed or with violations)
 * or the frame row of a message that is one uncompressed frame (WHOLE_MESSAGE). A message without
 * violations has exactly one.
 */
export const showsMessage = (r: Row): boolean => hasFlag(r, ROW_FLAG.MESSAGE | ROW_FLAG.WHOLE_MESSAGE);

/** A console service on temp folders, with every pushed batch kept and event-driven waits on them. */
export class TestConsole {
  readonly batches: EventBatch[] = [];
  readonly rows: Row[] = [];
  readonly events: SessionEvent[] = [];
  private waiters: { readonly test: () => boolean; readonly resolve: () => void }[] = [];

  constructor(
    readonly service: ConsoleService,
    readonly dir: string,
  ) {
    service.onBatch((batch) => {
      this.batches.push(batch);
      const r = batch.rows;
      for (let i = 0; i < r.id.length; i++) {
        this.rows.push({
          id: r.id[i]!,
          conn: r.conn[i]!,
          t: r.t[i]!,
          flags: r.flags[i]!,
          length: r.length[i]!,
          extra: r.extra[i]!,
          preview: r.preview[i]!,
        });
      }
      this.events.push(...batch.events);
      this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
    });
  }

  /** Calls a command through dispatch, as a host does. */
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
    return dispatch(this.service.handlers, channel, input) as Promise<Result<Output<C>>>;
  }

  /** Calls a command that must succeed and returns its value. */
  async value<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
    const result = await this.call(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  /** Resolves once `test` holds after some pushed batch (at once when it holds now). */
  until(test: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Waits until `n` incoming data messages have their row (showsMessage), e.g. the echoes of what was sent. */
  incomingMessages(n: number): Promise<void> {
    const count = () => this.rows.filter((r) => showsMessage(r) && hasFlag(r, ROW_FLAG.IN)).length;
    return this.until(() => count() >= n, `${n} incoming messages`);
  }

  /** The first pushed event of `type` passing `test` (waiting for it). */
  async event<T extends SessionEvent['type']>(
    type: T,
    test: (e: Extract<SessionEvent, { type: T }>) => boolean = () => true,
  ): Promise<Extract<SessionEvent, { type: T }>> {
    const find = () =>
      this.events.find((e): e is Extract<SessionEvent, { type: T }> => e.type === type && test(e as never));
    await this.until(() => find() !== undefined, `a ${type} event`);
    return find()!;
  }

  /** Connects a client session through the bridge and waits for it to open; returns its session and conn. */
  async connect(input: Input<'session.connect'>): Promise<{ session: number; conn: number }> {
    const { session } = await this.value('session.connect', input);
    const connecting = await this.event('connecting', (e) => e.session === session);
    await this.event('open', (e) => e.conn === connecting.conn);
    return { session, conn: connecting.conn };
  }

  /** Stops the service and removes its folders. */
  async close(): Promise<void> {
    await this.service.dispose();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Starts a console service whose data and spill folders live in a fresh temp dir. */
export async function startTestConsole(options: Partial<ConsoleServiceOptions> = {}): Promise<TestConsole> {
  const dir = await mkdtemp(join(tmpdir(), 'wstap-console-'));
  const service = createConsoleService({
    host: 'web',
    version: '0.0.0-test',
    dataDir: join(dir, 'data'),
    ...options,
    store: { spillDir: dir, flushMs: 5, ...options.store },
    messages: { spillDir: dir, ...options.messages },
  });
  return new TestConsole(service, dir);
}
