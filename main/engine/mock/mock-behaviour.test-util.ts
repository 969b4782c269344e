/**
 * A ServerPort without a socket: records what a behaviour does (sends, closes, rule notes, logs,
 * errors) and runs its timers on the global timers, so vitest's fake timers drive them.
 */
import type { Header } from '../../../shared/model/events.js';
import type { FrameSpec } from '../../../shared/protocol/encoder.js';
import type { Outgoing } from '../client/client-options.js';
import type { CloseRequest, SendOptions } from '../client/send.js';
import type { IncomingMessage, RuleNote, ServerPort, UpgradeInfo } from '../server/behaviour.js';
import type { MockDefinition } from './definition.js';
import { formatProblem } from './definition.js';
import { parseMockDefinition } from './parse-definition.js';

/** A definition from YAML text; throws with every problem when it does not load. */
export function mockFrom(yaml: string, file = '/mocks/test.yaml'): MockDefinition {
  const result = parseMockDefinition(yaml, file);
  if (!result.ok) throw new Error(result.errors.map(formatProblem).join('\n'));
  return result.definition;
}

/** An upgrade request for `/path?query`, with the rest defaulted. */
export function upgradeFor(
  target: string,
  rest: Partial<Omit<UpgradeInfo, 'path' | 'query'>> = {},
): UpgradeInfo {
  const url = new URL(target, 'ws://localhost');
  const headers = rest.headers ?? {};
  return {
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    rawHeaders: Object.entries(headers) as Header[],
    cookies: {},
    subprotocols: [],
    origin: null,
    remoteAddress: '127.0.0.1',
    remotePort: 50000,
    ...rest,
  };
}

let nextIndex = 0;

/** A text message as the server delivers it. */
export function text(body: string): IncomingMessage {
  return { type: 'text', text: body, bytes: new TextEncoder().encode(body), index: ++nextIndex };
}

/** A binary message as the server delivers it. */
export function binary(bytes: readonly number[]): IncomingMessage {
  return { type: 'binary', text: null, bytes: Uint8Array.from(bytes), index: ++nextIndex };
}

/** A recording ServerPort. */
export class FakePort implements ServerPort {
  readonly id: number;
  readonly subprotocol: string | null;
  readonly rooms = new Set<string>();
  readonly state = new Map<string, unknown>();
  readonly counters = { in: 0, out: 0 };
  readonly sent: { message: Outgoing; options: SendOptions | undefined }[] = [];
  readonly broadcasts: { room: string | null; message: Outgoing; options: object | undefined }[] = [];
  readonly closes: CloseRequest[] = [];
  readonly raws: (readonly FrameSpec[])[] = [];
  readonly pings: (string | Uint8Array | undefined)[] = [];
  readonly notes: RuleNote[] = [];
  readonly logs: { message: string; level: string }[] = [];
  readonly errors: { code: string; message: string }[] = [];
  /** Everything above in one ordered list: `send text hi`, `close 4000`, `rule rules[0]`, … */
  readonly events: string[] = [];
  heartbeatOptions: { interval: number; timeout: number; misses?: number } | null = null;
  autoPong = true;
  dropped = false;
  private open = true;
  private readonly timers = new Set<() => void>();
  private readonly openedAt = Date.now();

  constructor(
    readonly upgrade: UpgradeInfo = upgradeFor('/'),
    options: { id?: number; subprotocol?: string | null; shared?: Map<string, unknown> } = {},
  ) {
    this.id = options.id ?? 1;
    this.subprotocol = options.subprotocol ?? null;
    this.shared = options.shared ?? new Map();
  }

  readonly shared: Map<string, unknown>;
  readonly age = (): number => Date.now() - this.openedAt;
  readonly isOpen = (): boolean => this.open;

  /** The texts sent so far (JSON as its JSON text, binary as hex). */
  get texts(): string[] {
    return this.sent.map(({ message }) => describe(message));
  }

  async send(message: Outgoing, options?: SendOptions): Promise<void> {
    if (!this.open) return;
    this.counters.out++;
    this.sent.push({ message, options });
    this.events.push(`send ${describe(message)}`);
  }
  ping(data?: string | Uint8Array): void {
    if (!this.open) return;
    this.pings.push(data);
    this.events.push(`ping ${data === undefined ? '' : String(data)}`.trim());
  }
  async sendRaw(frames: readonly FrameSpec[]): Promise<void> {
    if (!this.open) return;
    this.raws.push(frames);
    this.events.push(`raw ${frames.length}`);
  }
  close(request: CloseRequest = {}): void {
    if (!this.open) return;
    this.closes.push(request);
    this.events.push(`close ${request.code ?? ''}`.trim());
    this.shut();
  }
  drop(): void {
    if (!this.open) return;
    this.dropped = true;
    this.events.push('drop');
    this.shut();
  }
  setAutoPong(on: boolean): void {
    this.autoPong = on;
    this.events.push(`pongs ${on ? 'on' : 'off'}`);
  }
  heartbeat(options: {
    readonly interval: number;
    readonly timeout: number;
    readonly misses?: number;
  }): void {
    this.heartbeatOptions = { ...options };
  }
  join(room: string): void {
    this.rooms.add(room);
    this.events.push(`join ${room}`);
  }
  leave(room: string): void {
    this.rooms.delete(room);
    this.events.push(`leave ${room}`);
  }
  async broadcast(
    room: string | null,
    message: Outgoing,
    options?: { readonly exceptSelf?: boolean } & SendOptions,
  ): Promise<number> {
    if (!this.open) return 0;
    this.broadcasts.push({ room, message, options });
    this.events.push(`broadcast ${room ?? '*'} ${describe(message)}`);
    return 1;
  }
  setTimeout(fn: () => void, ms: number): () => void {
    if (!this.open) return () => undefined;
    const timer = setTimeout(() => {
      this.timers.delete(clear);
      fn();
    }, ms);
    const clear = (): void => {
      clearTimeout(timer);
      this.timers.delete(clear);
    };
    this.timers.add(clear);
    return clear;
  }
  setInterval(fn: () => void, ms: number): () => void {
    if (!this.open) return () => undefined;
    const timer = setInterval(fn, ms);
    const clear = (): void => {
      clearInterval(timer);
      this.timers.delete(clear);
    };
    this.timers.add(clear);
    return clear;
  }
  matched(note: RuleNote): void {
    this.notes.push(note);
    this.events.push(`rule ${note.rule}`);
  }
  log(message: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    this.logs.push({ message, level });
    this.events.push(`log ${level} ${message}`);
  }
  error(code: string, message: string): void {
    this.errors.push({ code, message });
    this.events.push(`error ${code}`);
  }

  /** Timers still pending (cleared at close, like the server's). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** The connection ends (as the server would after a close handshake): timers cleared. */
  shut(): void {
    this.open = false;
    for (const clear of [...this.timers]) clear();
  }
}

function describe(message: Outgoing): string {
  switch (message.kind) {
    case 'text':
      return message.text;
    case 'json':
      return JSON.stringify(message.value);
    case 'utf8':
      return Buffer.from(message.bytes).toString('utf8');
    case 'binary':
      return Buffer.from(message.bytes).toString('hex');
  }
}
