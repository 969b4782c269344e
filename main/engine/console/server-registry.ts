import type { Input, ServerInfo } from '../../../shared/ipc/contract.js';
import type { Engine } from '../engine.js';
import { broadcastBehaviour, echoBehaviour } from '../server/builtin-behaviours.js';
import type { RunningServer } from '../server/server.js';
import { ConsoleError } from './console-error.js';

/** A URL as the user may type it back: without a trailing slash. */
export const bare = (url: string): string => url.replace(/\/+$/, '');

/**
 * The servers the console started (`server.start`), by URL, so `app.info` can list them and
 * `server.stop` find them. Built-in behaviours only, as `wstap serve --echo/--broadcast` builds them.
 */
export class ServerRegistry {
  private readonly running = new Map<string, { readonly server: RunningServer; readonly info: ServerInfo }>();

  constructor(private readonly engine: Engine) {}

  /** Starts a server (127.0.0.1, a free port unless told); throws EngineError LISTEN_FAILED. */
  async start(input: Input<'server.start'>): Promise<ServerInfo> {
    const behaviour = input.behaviour === 'echo' ? echoBehaviour() : broadcastBehaviour();
    const server = await this.engine.serve({ behaviour, host: input.host, port: input.port });
    const info: ServerInfo = { url: server.url, behaviour: input.behaviour };
    this.running.set(bare(server.url), { server, info });
    return info;
  }

  /** Stops the server at `url` (1001 to its clients); throws UNKNOWN_SERVER. */
  async stop(url: string): Promise<void> {
    const entry = this.running.get(bare(url));
    if (entry === undefined)
      throw new ConsoleError('UNKNOWN_SERVER', `no server of this console listens on ${url}`);
    this.running.delete(bare(url));
    await entry.server.stop();
  }

  /** Lists a server started elsewhere in the console (the mock panel), so `app.info` and `server.stop` know it. */
  adopt(server: RunningServer, info: ServerInfo): void {
    this.running.set(bare(server.url), { server, info });
  }

  /** The running servers with what `app.info` says of them, oldest first. */
  entries(): { readonly server: RunningServer; readonly info: ServerInfo }[] {
    return [...this.running.values()];
  }

  /** The servers running, oldest first. */
  list(): ServerInfo[] {
    return [...this.running.values()].map((entry) => entry.info);
  }
}
