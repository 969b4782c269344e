import type { Direction, SessionEvent } from '../../shared/model/events.js';
import type { Frame } from '../../shared/protocol/frame.js';
import type { FrameSpec } from '../../shared/protocol/encoder.js';
import { ClientSession } from './client/client-session.js';
import type { ClientOptions, Outgoing } from './client/client-options.js';
import type { CloseRequest, SendOptions } from './client/send.js';
import { createClock, type Clock } from './clock.js';
import { EngineError } from './errors.js';
import { EventHub, type EngineListener, type SubscribeOptions } from './event-hub.js';
import { EngineSink, type RecordingSink } from './engine-sink.js';
import type { FrameStore } from './frame-store/frame-store.js';
import { openSessionRecording, type ActiveRecording } from './session-recorder.js';
import type { RecordedConnection } from '../../shared/record/types.js';
import { RecordingScope, type OpenConnection, type RecordingScopeInput } from './recording-scope.js';
import { startServer, type RunningServer, type ServerOptions } from './server/server.js';
import { startProxy, type ProxyOptions, type RunningProxy } from './proxy/proxy.js';
import { runScript, type ScriptRun, type ScriptRunOptions } from './script/script-host.js';

/** Options of an engine. */
export interface EngineOptions {
  /** Injectable for tests. */
  readonly clock?: Clock;
  /** Randomness for reconnect jitter (tests pin it). */
  readonly random?: () => number;
  /**
   * Where frames are indexed so their payloads can be fetched by id later (the desktop's
   * inspector). Off by default: a terminal session prints payloads as they come.
   */
  readonly store?: FrameStore;
}

/** The engine: command methods plus one event stream. Electron-free; the CLI, the app and tests drive it. */
export interface Engine {
  readonly clock: Clock;
  /** The frame store given in the options, or null. */
  readonly store: FrameStore | null;
  /**
   * Adds a listener to every event; returns the function that removes it. `{ frames: false }`:
   * the listener ignores `frame` events (none are built while no listener wants them).
   */
  subscribe(listener: EngineListener, options?: SubscribeOptions): () => void;
  /** Starts a client session; returns its id. Throws EngineError on bad options (URL, files). */
  connect(options: ClientOptions): number;
  /** Resolves true when the session's connection is open (false when it ended first). */
  opened(session: number): Promise<boolean>;
  /** Resolves when the session is over (closed for good, gave up, or stopped). */
  done(session: number): Promise<void>;
  send(session: number, message: Outgoing, options?: SendOptions): Promise<void>;
  ping(session: number, data?: string | Uint8Array): void;
  pong(session: number, data?: string | Uint8Array): void;
  /** Sends encoder-built frames as they are (fault injection). */
  sendRaw(session: number, frames: readonly FrameSpec[]): Promise<void>;
  /** Writes bytes to the socket exactly as given (a hand-made frame; the tap reports what they frame). */
  sendBytes(session: number, bytes: Uint8Array): Promise<void>;
  /** Answers the peer's pings automatically (on, the default) or not (to test its liveness timeout). */
  setAutoPong(session: number, on: boolean): void;
  close(session: number, request?: CloseRequest): void;
  terminate(session: number): void;
  /** Starts a WebSocket server (`wstap serve`); resolves once it listens. Throws EngineError LISTEN_FAILED. */
  serve(options: ServerOptions): Promise<RunningServer>;
  /** Starts a reverse proxy (`wstap proxy`) in front of a target; resolves once it listens. */
  proxy(options: ProxyOptions): Promise<RunningProxy>;
  /**
   * Runs a script (`wstap run`, docs/scripting.md) in a worker thread; its connections are this
   * engine's sessions, tagged with the script's name; `script` events report its start, logs and end.
   */
  runScript(options: ScriptRunOptions): ScriptRun;
  /**
   * Records every event from now on into a file (docs/recording-format.md), or only a scope's:
   * some client sessions (every attempt) and single connections. Several may run at once.
   */
  startRecording(path: string, scope?: RecordingScopeInput): Promise<ActiveRecording>;
  /** Feeds every event from now on to a sink (null stops); what startRecording uses. */
  record(recording: RecordingSink | null): void;
  /**
   * Frames read from a file rather than a socket (a recording opened in the console): a fresh
   * connection id and the frame store's intake, numbered with the live frames so ids stay the store's.
   */
  readonly intake: FrameIntake;
  /** Terminates every session, stops every server, and resolves when all are over. */
  dispose(): Promise<void>;
}

/** What `Engine.intake` offers: the tap's side of the frame store, for frames that came from a file. */
export interface FrameIntake {
  /** A connection id no live connection has or will have. */
  nextConn(): number;
  /** Keeps a chunk of (conn, dir)'s stream, as the tap does before decoding it. */
  bytes(conn: number, dir: Direction, offset: number, bytes: Uint8Array): void;
  /** Indexes a decoded frame; returns its engine-wide id (the store's id while under its cap). */
  frame(conn: number, seq: number, dir: Direction, t: number, frame: Frame): number;
}

/** Creates an engine. */
export function createEngine(options: EngineOptions = {}): Engine {
  const clock = options.clock ?? createClock();
  const hub = new EventHub(clock);
  const store = options.store ?? null;
  const sink = new EngineSink(store);
  // Connections open right now, for the header of a recording started mid-session.
  const open = new Map<number, RecordedConnection & OpenConnection>();
  // Recordings store wire records instead of frame events and get messages from the taps
  // (WireSink.message, messageRefs), so the engine itself wants neither as events.
  hub.subscribe(
    (event: SessionEvent) => {
      if (event.type === 'connecting')
        open.set(event.conn, { conn: event.conn, role: event.role, url: event.url, session: event.session });
      else if (event.type === 'closed') open.delete(event.conn);
      sink.event(event);
    },
    { frames: false, messages: false },
  );
  const sessions = new Map<number, ClientSession>();
  const servers = new Set<RunningServer | RunningProxy>();
  let lastSession = 0;
  let lastConn = 0;

  const session = (id: number): ClientSession => {
    const found = sessions.get(id);
    if (!found) throw new EngineError('UNKNOWN_SESSION', `no session ${id}`);
    return found;
  };

  const scripts = new Set<ScriptRun>();
  const engine: Engine = {
    clock,
    store,
    subscribe: (listener, subscribeOptions) => hub.subscribe(listener, subscribeOptions),
    connect(clientOptions) {
      const id = ++lastSession;
      const created = new ClientSession(id, clientOptions, {
        hub,
        sink,
        nextConn: () => ++lastConn,
        random: options.random,
      });
      sessions.set(id, created);
      return id;
    },
    opened: (id) => session(id).opened(),
    done: (id) => session(id).done,
    send: (id, message, sendOptions) => session(id).send(message, sendOptions),
    ping: (id, data) => session(id).ping(data),
    pong: (id, data) => session(id).pong(data),
    sendRaw: (id, frames) => session(id).sendRaw(frames),
    sendBytes: (id, bytes) => session(id).sendBytes(bytes),
    setAutoPong: (id, on) => session(id).setAutoPong(on),
    close: (id, request) => session(id).close(request),
    terminate: (id) => session(id).terminate(),
    async serve(serverOptions) {
      const server = await startServer(serverOptions, { hub, sink, nextConn: () => ++lastConn });
      servers.add(server);
      return server;
    },
    async proxy(proxyOptions) {
      const proxy = await startProxy(proxyOptions, { hub, sink, nextConn: () => ++lastConn });
      servers.add(proxy);
      return proxy;
    },
    runScript(scriptOptions) {
      const run = runScript({ ...engine, emitScript: (fields) => hub.emit(0, fields) }, scriptOptions);
      scripts.add(run);
      void run.result.finally(() => scripts.delete(run));
      return run;
    },
    record: (recording) => sink.record(recording),
    intake: {
      nextConn: () => ++lastConn,
      bytes: (conn, dir, offset, bytes) => sink.bytes(conn, dir, offset, bytes),
      frame: (conn, seq, dir, t, frame) => sink.frame(conn, seq, dir, t, frame),
    },
    startRecording(path, scopeInput) {
      const scope = scopeInput === undefined ? null : new RecordingScope(scopeInput, open.values());
      if (scope?.empty === true)
        return Promise.reject(
          new EngineError('INVALID_OPTION', 'a scoped recording needs a session or a connection'),
        );
      const connections = [...open.values()]
        .filter((c) => scope === null || scope.has(c.conn))
        .map(({ conn, role, url }) => ({ conn, role, url }));
      return openSessionRecording(
        path,
        clock,
        connections,
        (recording) => sink.attach(recording, scope),
        (message) => hub.emit(0, { type: 'error', code: 'RECORDING_FAILED', message }),
      );
    },
    async dispose() {
      for (const run of scripts) run.stop();
      await Promise.all([...scripts].map((run) => run.result));
      for (const s of sessions.values()) s.terminate();
      await Promise.all([...sessions.values()].map((s) => s.done));
      await Promise.all([...servers].map((server) => server.stop()));
      await store?.close();
    },
  };
  return engine;
}
