import { createInterface } from 'node:readline';
import { closeCodeInfo, isCloseCodeAllowedOnWire } from '../../../shared/protocol/close-codes.js';
import { EngineError } from '../../engine/errors.js';
import type { RunningProxy } from '../../engine/proxy/proxy.js';
import type { Palette } from '../terminal.js';
import { parseProxyLine, PROXY_HELP, type ProxyCommand } from './proxy-commands.js';

/** What the proxy console drives. */
export interface ProxyConsoleHost {
  readonly proxy: RunningProxy;
  readonly err: Palette;
  readonly note: (...lines: string[]) => void;
  readonly quit: () => void;
}

/** Interventions typed at the proxy's console (or piped in, one per line). */
export class ProxyConsole {
  constructor(private readonly host: ProxyConsoleHost) {}

  /** Reads commands from a pipe; its end leaves the proxy running. */
  async readLines(input: NodeJS.ReadableStream): Promise<void> {
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
    for await (const line of lines) this.run(line);
  }

  /** Runs one line; mistakes are reported, never thrown. */
  run(line: string): void {
    const parsed = parseProxyLine(line);
    if (!parsed.ok) return this.host.note(this.host.err.red(parsed.error));
    try {
      this.execute(parsed.command);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      this.host.note(this.host.err.red(error.message));
    }
  }

  private execute(command: ProxyCommand): void {
    const { proxy, note, err } = this.host;
    switch (command.kind) {
      case 'nothing':
        return;
      case 'help':
        return note(...PROXY_HELP.map(([usage, what]) => `${err.cyan(usage.padEnd(42))} ${what}`));
      case 'quit':
        return this.host.quit();
      case 'connections': {
        const ids = proxy.connections();
        if (ids.length === 0) return note(err.dim('no connections through the proxy'));
        return note(
          ...ids.map((id) => {
            const held = proxy.connection(id).held();
            const parts = [
              held.toApp !== null ? `holding ${held.toApp} B toward the app` : '',
              held.toTarget !== null ? `holding ${held.toTarget} B toward the target` : '',
            ].filter(Boolean);
            return `#${id}${parts.length > 0 ? `  ${parts.join(', ')}` : ''}`;
          }),
        );
      }
      case 'inject':
        return proxy.connection(command.conn).inject(command.to, command.what);
      case 'close':
        if (!isCloseCodeAllowedOnWire(command.code)) {
          return note(
            err.red(
              `/close ${command.code} (${closeCodeInfo(command.code).name}) may not be sent in a Close frame: use 1000-1003, 1007-1014 or 3000-4999`,
            ),
          );
        }
        return proxy.connection(command.conn).closeSide(command.side, command.code, command.reason);
      case 'cut':
        return proxy.connection(command.conn).cut();
      case 'hold':
        return proxy.connection(command.conn).hold(command.to);
      case 'release':
        void proxy.connection(command.conn).release(command.to);
        return;
    }
  }
}
