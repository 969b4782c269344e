/**
 * Replays and mock servers from files, run on the console's own engine: a replay's live
 * connections are ordinary connections (the sidebar and inspector show them), its progress and
 * report are polled by id; a file served as a mock is a replay server on 127.0.0.1.
 */
import { basename } from 'node:path';
import type { Input, ServerInfo } from '../../../shared/ipc/contract.js';
import type { MockServed, ReplayProgress, ReplayTick } from '../../../shared/ipc/recording-commands.js';
import type { ConversationConnection } from '../../../shared/interchange/conversation.js';
import { parseIgnorePath, type IgnorePath } from '../../../shared/replay/ignore-paths.js';
import { createMatcher } from '../../../shared/replay/message-matcher.js';
import { itemTotals, replayItems } from '../../../shared/replay/replay-items.js';
import type { ReplayReport, ReportMessage } from '../../../shared/replay/replay-report.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import { loadConversation } from '../interchange/load-conversation.js';
import { runReplay } from '../replay/replay-runner.js';
import { createReplayBehaviour } from '../replay-server/replay-behaviour.js';
import type { RunningServer } from '../server/server.js';
import { ConsoleError } from './console-error.js';

/** Most characters of a payload a report sends to the renderer. */
export const REPORT_PAYLOAD_CHARS = 64 * 1024;
/** Replays kept (finished ones are forgotten oldest first past this). */
const KEPT_REPLAYS = 20;

/** The URL to connect to for a recorded URL: a bare origin keeps the recorded path and query. */
export function liveUrl(target: string | undefined, recorded: string): string {
  const from = wsUrl(recorded, 'the recording');
  if (target === undefined || target.trim() === '') return from.href;
  const to = wsUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `ws://${target}`, 'the target');
  if (to.pathname !== '/' || to.search !== '') return to.href;
  return `${to.protocol}//${to.host}${from.pathname}${from.search}`;
}

function wsUrl(url: string, what: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EngineError('INVALID_URL', `${what}: '${url}' is not a URL (e.g. ws://localhost:8080)`);
  }
  // HAR files name WebSocket URLs with http(s) sometimes: the same server, upgraded.
  if (parsed.protocol === 'http:') parsed.protocol = 'ws:';
  else if (parsed.protocol === 'https:') parsed.protocol = 'wss:';
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:')
    throw new EngineError('INVALID_URL', `${what}: '${url}' is not a ws:// or wss:// URL`);
  return parsed;
}

/** A report with every payload cut to REPORT_PAYLOAD_CHARS (the rest is main's business). */
export function boundedReport(report: ReplayReport): ReplayReport {
  const cut = (m: ReportMessage): ReportMessage => ({
    opcode: m.opcode,
    ...(m.text !== undefined ? { text: m.text.slice(0, REPORT_PAYLOAD_CHARS) } : {}),
    ...(m.base64 !== undefined ? { base64: m.base64.slice(0, REPORT_PAYLOAD_CHARS) } : {}),
  });
  return {
    ...report,
    connections: report.connections.map((c) => ({
      ...c,
      findings: c.findings.slice(0, 1000).map((f) => {
        switch (f.kind) {
          case 'missing':
          case 'late':
            return { ...f, expected: cut(f.expected) };
          case 'extra':
            return { ...f, actual: cut(f.actual) };
          case 'different':
            return { ...f, expected: cut(f.expected), actual: cut(f.actual) };
          default:
            return f;
        }
      }),
    })),
  };
}

function ignorePaths(sources: readonly string[]): IgnorePath[] {
  return sources.map((source) => {
    const path = parseIgnorePath(source);
    if ('error' in path) throw new EngineError('INVALID_OPTION', `ignore: ${path.error}`);
    return path;
  });
}

/** Replays under way or finished, and mock servers, of one console. */
export class RecordingReplays {
  private next = 0;
  private readonly replays = new Map<number, { progress: ReplayProgress; abort: AbortController }>();
  private readonly servers = new Map<string, { server: RunningServer; info: MockServed }>();

  constructor(
    private readonly engine: Engine,
    /** Told how a replay goes (sent + matched of total) and when it ends; the console pushes it in batches. */
    private readonly tick: (tick: ReplayTick) => void = () => undefined,
  ) {}

  /** Starts a replay; the answer is its first progress (ticks are pushed; `status` has the rest, the report). */
  async start(input: Input<'recording.replay'>): Promise<ReplayProgress> {
    const conversation = await loadConversation(input.path);
    const connections = conversation.connections;
    if (connections.length === 0)
      throw new EngineError('IMPORT_FAILED', `${input.path} holds no WebSocket connection to replay`);
    const ignore = ignorePaths(input.ignore ?? []);
    const urls = connections.map((c) => liveUrl(input.target, c.url));
    const totals = itemTotals(replayItems(connections));
    const replay = ++this.next;
    const abort = new AbortController();
    const entry: { abort: AbortController; progress: ReplayProgress } = {
      abort,
      progress: {
        replay,
        path: input.path,
        target: input.target?.trim() || 'the recorded URLs',
        mode: input.mode,
        done: 0,
        total: totals.sends + totals.expects,
        finished: false,
        report: null,
        error: null,
        liveConns: [],
      },
    };
    this.replays.set(replay, entry);
    this.forgetOld();
    const timeout = input.timeoutMs ?? 5000;
    // The live connections: the `connecting` events of the sessions the replay opens.
    // The engine announces a connection inside connect(), before the session id is back.
    const sessions = new Set<number>();
    let connecting = false;
    const unsubscribe = this.engine.subscribe(
      (event) => {
        if (event.type === 'connecting' && (connecting || sessions.has(event.session)))
          entry.progress = { ...entry.progress, liveConns: [...entry.progress.liveConns, event.conn] };
      },
      { frames: false },
    );
    const engine: Engine = {
      ...this.engine,
      connect: (options) => {
        connecting = true;
        try {
          const session = this.engine.connect(options);
          sessions.add(session);
          return session;
        } finally {
          connecting = false;
        }
      },
    };
    void runReplay(engine, connections, {
      mode: input.mode,
      speed: input.speed ?? 1,
      timeout,
      matcher: createMatcher(input.match ?? 'json', ignore),
      ignore,
      tolerance: null,
      clientOptions: (c: ConversationConnection) => ({
        url: urls[connections.indexOf(c)] as string,
        ...(c.subprotocol === null ? {} : { subprotocols: [c.subprotocol] }),
        ...(/permessage-deflate/i.test(c.extensions ?? '') ? {} : { perMessageDeflate: false as const }),
        handshakeTimeout: Math.max(timeout, 1000),
      }),
      onProgress: (done, total) => {
        entry.progress = { ...entry.progress, done, total };
        this.tick({ replay, done, total, finished: false });
      },
      signal: abort.signal,
    })
      .then(
        (report) => (entry.progress = { ...entry.progress, finished: true, report: boundedReport(report) }),
        (error: unknown) =>
          (entry.progress = {
            ...entry.progress,
            finished: true,
            error: error instanceof Error ? error.message : String(error),
          }),
      )
      .finally(() => {
        unsubscribe();
        const { done, total } = entry.progress;
        this.tick({ replay, done, total, finished: true });
      });
    return entry.progress;
  }

  status(replay: number): ReplayProgress {
    return this.entry(replay).progress;
  }

  cancel(replay: number): void {
    this.entry(replay).abort.abort();
  }

  /** Serves a file's connections as a replay mock server (127.0.0.1, a free port unless told). */
  async serve(input: Input<'recording.serve'>): Promise<MockServed> {
    const conversation = await loadConversation(input.path);
    const connections = conversation.connections;
    if (connections.length === 0)
      throw new EngineError('IMPORT_FAILED', `${input.path} holds no WebSocket connection to serve`);
    const name = `replay ${basename(input.path)}, ${connections.length} connection${connections.length === 1 ? '' : 's'}`;
    const behaviour = createReplayBehaviour(connections, { speed: input.noDelays === true ? 0 : 1, name });
    const server = await this.engine.serve({ behaviour, host: '127.0.0.1', port: input.port ?? 0 });
    const info: MockServed = { url: server.url, path: input.path, connections: connections.length };
    this.servers.set(server.url, { server, info });
    return info;
  }

  async stopServe(url: string): Promise<void> {
    const entry = this.servers.get(url) ?? this.servers.get(url.replace(/\/+$/, ''));
    if (entry === undefined)
      throw new ConsoleError('UNKNOWN_SERVER', `no mock of this panel listens on ${url}`);
    this.servers.delete(entry.info.url);
    await entry.server.stop();
  }

  /** The mock servers running, for `app.info`-like listings. */
  served(): ServerInfo[] {
    return [...this.servers.values()].map((e) => ({ url: e.info.url, behaviour: `replay ${e.info.path}` }));
  }

  /** Stops every replay (their reports cover what was done). */
  dispose(): void {
    for (const entry of this.replays.values()) entry.abort.abort();
  }

  private entry(replay: number): { progress: ReplayProgress; abort: AbortController } {
    const entry = this.replays.get(replay);
    if (entry === undefined) throw new ConsoleError('UNKNOWN_REPLAY', `no replay ${replay} in this console`);
    return entry;
  }

  private forgetOld(): void {
    for (const [id, entry] of this.replays) {
      if (this.replays.size <= KEPT_REPLAYS) return;
      if (entry.progress.finished) this.replays.delete(id);
    }
  }
}
