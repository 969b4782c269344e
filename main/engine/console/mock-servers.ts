/**
 * The mock panel's servers: `wstap serve` started from the console — echo, broadcast, a mock
 * definition (hot-reloaded on save, by the same reloading as the CLI's) or a recording replayed.
 * They join the console's ServerRegistry, so `app.info` lists them and `server.stop` stops them.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { OutgoingInput } from '../../../shared/ipc/contract.js';
import type {
  MockBehaviourKind,
  MockServer,
  MockStarted,
  MockStartInput,
  MockTarget,
} from '../../../shared/ipc/mock-commands.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import { mockFileSource } from '../mock/mock-source.js';
import { loadReplay } from '../replay-server/replay-source.js';
import { fixedSource, type BehaviourSource } from '../server/behaviour-source.js';
import { broadcastBehaviour, echoBehaviour } from '../server/builtin-behaviours.js';
import { startReloading, type Reloading } from '../server/reloading.js';
import { makeSelfSigned } from '../server/self-signed.js';
import type { RunningServer, ServerOptions } from '../server/server.js';
import { ConsoleError } from './console-error.js';
import { outgoingOf } from './engine-inputs.js';
import { replaySourceOptions } from './mock-replay.js';
import { bare, type ServerRegistry } from './server-registry.js';

/** What the panel knows of a server beyond the registry's entry. */
interface Extra {
  readonly kind: MockBehaviourKind;
  readonly file: string | null;
  readonly reloading: Reloading | null;
}

/** Starts, lists and drives the console's servers. */
export class MockServers {
  private readonly extras = new Map<string, Extra>();

  constructor(
    private readonly engine: Engine,
    private readonly registry: ServerRegistry,
  ) {
    // However a server stops (server.stop, the console's dispose), its file watcher goes with it.
    engine.subscribe((event) => {
      if (event.type !== 'server-stopped') return;
      const extra = this.extras.get(bare(event.url));
      extra?.reloading?.close();
      this.extras.delete(bare(event.url));
    });
  }

  /** Starts a server as `wstap serve` would; a definition or recording that does not load is refused. */
  async start(input: MockStartInput): Promise<MockStarted> {
    const file = fileOf(input);
    const source = sourceOf(input, file);
    const loaded = await source.load();
    if (!loaded.ok)
      throw new EngineError(
        input.behaviour === 'replay' ? 'IMPORT_FAILED' : 'MOCK_INVALID',
        loaded.errors.join('\n'),
      );
    const { tls, certificate } = await tlsOf(input.tls);
    let server: RunningServer;
    try {
      server = await this.engine.serve({
        behaviour: loaded.behaviour,
        host: input.host ?? '127.0.0.1',
        port: input.port ?? 0,
        tls,
      });
    } catch (error) {
      loaded.behaviour.dispose?.();
      throw error;
    }
    const reloading = source.reloadable ? startReloading(source, server, loaded.files, null) : null;
    this.extras.set(bare(server.url), { kind: input.behaviour, file, reloading });
    this.registry.adopt(server, { url: server.url, behaviour: server.behaviour().name });
    return { server: this.describe(server), warnings: loaded.warnings ?? [], certificate };
  }

  /** Every running server of the console (the panel's and the sidebar's), with clients and rooms. */
  list(): MockServer[] {
    return this.registry.entries().map(({ server }) => this.describe(server));
  }

  /** How many running servers reload from `file`. */
  servingFile(file: string): number {
    return [...this.extras.values()].filter((e) => e.file === file && e.reloading !== null).length;
  }

  /** Sends to one client, a room or all; how many it went to. */
  async send(url: string, to: MockTarget, message: OutgoingInput): Promise<number> {
    const server = this.server(url);
    const outgoing = outgoingOf(message, 'input.message');
    if (to.kind === 'conn') {
      await server.connection(to.id).send(outgoing);
      return 1;
    }
    return server.broadcast(to.kind === 'room' ? to.room : null, outgoing);
  }

  /** Starts the close handshake with one client (a code RFC 6455 forbids on the wire is refused). */
  close(url: string, conn: number, code: number | undefined, reason: string | undefined): void {
    this.server(url).connection(conn).close({ code, reason });
  }

  private server(url: string): RunningServer {
    const found = this.registry.entries().find((e) => bare(e.server.url) === bare(url));
    if (found === undefined)
      throw new ConsoleError('UNKNOWN_SERVER', `no server of this console listens on ${url}`);
    return found.server;
  }

  private describe(server: RunningServer): MockServer {
    const extra = this.extras.get(bare(server.url));
    const name = server.behaviour().name;
    return {
      url: server.url,
      behaviour: name,
      kind: extra?.kind ?? (name.startsWith('broadcast') ? 'broadcast' : 'echo'),
      file: extra?.file ?? null,
      reloads: extra?.reloading !== null && extra?.reloading !== undefined,
      tls: server.tls,
      clients: server.clients(),
      rooms: server.rooms(),
    };
  }
}

/** The file a mock or replay server needs (absolute), null for echo and broadcast. */
function fileOf(input: MockStartInput): string | null {
  const needsFile = input.behaviour === 'mock' || input.behaviour === 'replay';
  if (needsFile && (input.file === undefined || input.file.trim() === ''))
    throw new ConsoleError(
      'BAD_INPUT',
      `input.file: a ${input.behaviour} server needs a ${input.behaviour === 'mock' ? 'mock definition' : 'recording'} file`,
    );
  if (!needsFile && input.file !== undefined)
    throw new ConsoleError('BAD_INPUT', `input.file: an ${input.behaviour} server reads no file`);
  if (input.behaviour !== 'replay' && input.replay !== undefined)
    throw new ConsoleError('BAD_INPUT', 'input.replay: only a replay server takes replay options');
  return needsFile ? resolve(input.file as string) : null;
}

function sourceOf(input: MockStartInput, file: string | null): BehaviourSource {
  switch (input.behaviour) {
    case 'echo':
      return fixedSource(echoBehaviour());
    case 'broadcast':
      return fixedSource(broadcastBehaviour());
    case 'mock':
      return mockFileSource(file as string);
    case 'replay': {
      const replay = replaySourceOptions(file as string, input.replay);
      return { reloadable: false, load: () => loadReplay(replay) };
    }
  }
}

async function tlsOf(
  tls: MockStartInput['tls'],
): Promise<{ tls: ServerOptions['tls']; certificate: MockStarted['certificate'] }> {
  if (tls === undefined) return { tls: undefined, certificate: null };
  if ('selfSigned' in tls) {
    const made = await makeSelfSigned();
    return {
      tls: { cert: made.cert, key: made.key },
      certificate: { fingerprint256: made.fingerprint256, validTo: made.validTo },
    };
  }
  return {
    tls: { cert: await readPem(tls.certFile, 'certificate'), key: await readPem(tls.keyFile, 'key') },
    certificate: null,
  };
}

async function readPem(path: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(path), 'utf8');
  } catch (error) {
    throw new EngineError(
      'FILE_UNREADABLE',
      `cannot read the TLS ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}
