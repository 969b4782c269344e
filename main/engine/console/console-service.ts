/**
 * The desktop console's service, host-neutral: the engine with a frame store, the bridge contract
 * (shared/ipc/contract.ts) implemented once as CommandHandlers, and the engine's events pushed as
 * batches. Electron IPC (main/app) and browser mode (main/web) both adapt this; call handlers
 * through `dispatch` (dispatch.ts), which checks the input first.
 */
import type { CommandHandlers, EventBatch, StoreStats } from '../../../shared/ipc/contract.js';
import { createEngine, type Engine } from '../engine.js';
import { FrameStore, type FrameStoreOptions } from '../frame-store/frame-store.js';
import { ConsoleError, handle } from './console-error.js';
import { EventBatcher } from './event-batcher.js';
import { frameDetail } from './frame-detail.js';
import { MessageStore, type MessageStoreOptions } from './message-store.js';
import { mockHandlers } from './mock-handlers.js';
import { proxyHandlers, ProxyRegistry } from './proxy-handlers.js';
import { recordingHandlers } from './recording-handlers.js';
import { ReplayLog } from './replay-log.js';
import { RowRouter } from './row-router.js';
import { SavedStore } from './saved-store.js';
import { ServerRegistry } from './server-registry.js';
import { sessionHandlers } from './session-handlers.js';
import { scriptHandlers } from './script-handlers.js';
import { decoderHandlers } from './decoder-handlers.js';

/** What a console service is told. */
export interface ConsoleServiceOptions {
  readonly host: 'electron' | 'web';
  readonly version: string;
  /** Folder for saved connections / saved messages JSON files (created if missing). */
  readonly dataDir: string;
  /** Batch window and size (defaults 16 ms, 1000 rows). */
  readonly batchMs?: number;
  readonly batchRows?: number;
  /** Frame store caps, for tests (FrameStoreOptions from main/engine/frame-store/frame-store.ts). */
  readonly store?: FrameStoreOptions;
  /** Message store caps, for tests (spill folder defaults to the frame store's). */
  readonly messages?: MessageStoreOptions;
  /** Non-row events kept for `app.replay` (default 50 000, the newest). */
  readonly replayEvents?: number;
}

/** A running console service. */
export interface ConsoleService {
  /** The engine, created by the service with a FrameStore. */
  readonly engine: Engine;
  /** One handler per channel of the contract. */
  readonly handlers: CommandHandlers;
  /** Listens to pushed batches; returns the function that stops listening. */
  onBatch(listener: (batch: EventBatch) => void): () => void;
  /** The no-argument start: an echo server on 127.0.0.1:0 and a client session connected to it. */
  startDefault(): Promise<void>;
  /** Stops every session and server, pushes the last batch, removes the spill files. */
  dispose(): Promise<void>;
}

/** Creates a console service (no server or session runs until asked). */
export function createConsoleService(options: ConsoleServiceOptions): ConsoleService {
  const store = new FrameStore(options.store);
  const engine = createEngine({ store });
  const messages = new MessageStore({ spillDir: options.store?.spillDir, ...options.messages });
  const stats = (): StoreStats => {
    const frames = store.stats();
    return {
      frames: frames.frames,
      // Whole single-frame messages are frame rows; they count as messages all the same.
      messages: messages.messages + router.wholeMessages,
      droppedFrames: frames.droppedFrames,
      droppedMessages: messages.droppedMessages,
      droppedBytes: frames.droppedBytes + messages.droppedBytes,
    };
  };
  const batcher = new EventBatcher({ batchMs: options.batchMs, batchRows: options.batchRows, stats });
  // The replay holds what was pushed: a renderer that listens first and then asks for the replay
  // sees every event once (a later batch's events are not in the replay yet).
  const replay = new ReplayLog(options.replayEvents);
  batcher.onBatch((batch) => replay.add(batch.events));
  const router = new RowRouter(batcher, messages, store.maxFrames);
  const unsubscribe = engine.subscribe(router.listener);
  const servers = new ServerRegistry(engine);
  const saved = new SavedStore(options.dataDir);

  const recordings = recordingHandlers({ engine, router, messages, batcher, dataDir: options.dataDir });
  const handlers: CommandHandlers = {
    'app.info': handle('app.info', () => ({
      version: options.version,
      host: options.host,
      servers: servers.list(),
      dataDir: options.dataDir,
    })),
    'app.replay': handle('app.replay', () => replay.events()),
    ...sessionHandlers(engine),
    ...proxyHandlers(new ProxyRegistry(engine)),
    ...mockHandlers(engine, servers),
    ...scriptHandlers(engine, options.dataDir),
    ...decoderHandlers((kind, id) =>
      kind === 'frame' ? frameDetail(store, id, router.frameIndex.get(id)) : messages.detail(id),
    ),
    ...recordings.handlers,
    'server.start': handle('server.start', (input) => servers.start(input)),
    'server.stop': handle('server.stop', async ({ url }) => {
      await servers.stop(url);
      return null;
    }),
    'frames.detail': handle('frames.detail', ({ id }) => frameDetail(store, id, router.frameIndex.get(id))),
    'messages.detail': handle('messages.detail', async ({ id }) => {
      const detail = await messages.detail(id);
      if (detail === undefined) throw new ConsoleError('UNKNOWN_MESSAGE', `no message with id ${id}`);
      return detail;
    }),
    'store.stats': handle('store.stats', () => stats()),
    'saved.connections': handle('saved.connections', () => saved.connections()),
    'saved.putConnection': handle('saved.putConnection', (input) => saved.putConnection(input)),
    'saved.removeConnection': handle('saved.removeConnection', ({ name }) => saved.removeConnection(name)),
    'saved.messages': handle('saved.messages', () => saved.messages()),
    'saved.setMessages': handle('saved.setMessages', (input) => saved.setMessages(input)),
  };

  let disposing: Promise<void> | null = null;
  return {
    engine,
    handlers,
    onBatch: (listener) => batcher.onBatch(listener),
    async startDefault() {
      const server = await servers.start({ behaviour: 'echo' });
      const session = engine.connect({ url: server.url });
      if (!(await engine.opened(session)))
        throw new Error(`the default client session could not connect to ${server.url}`);
    },
    dispose() {
      disposing ??= (async () => {
        await recordings.dispose();
        await engine.dispose();
        // The sessions' last events (closed, server-stopped) go out in a final batch.
        batcher.close();
        unsubscribe();
        await messages.close();
      })();
      return disposing;
    },
  };
}
