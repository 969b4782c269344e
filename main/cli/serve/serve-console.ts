import { createInterface } from 'node:readline';
import { ms } from '../../../shared/model/close-explanation.js';
import { EngineError } from '../../engine/errors.js';
import type { RunningServer } from '../../engine/server/server.js';
import type { Palette } from '../terminal.js';
import { parseServeLine, SERVE_HELP, type ServeCommand, type Target } from './serve-commands.js';
import type { Timelines } from './timelines.js';

/** What the console drives. */
export interface ConsoleHost {
  readonly server: RunningServer;
  readonly timelines: Timelines;
  readonly err: Palette;
  readonly note: (...lines: string[]) => void;
  readonly reload: () => void;
  readonly quit: () => void;
}

/** The multi-client console of `wstap serve`: list clients and rooms, send, close, drop, timelines. */
export class ServeConsole {
  constructor(private readonly host: ConsoleHost) {}

  /** Reads commands from a pipe, one per line; the pipe's end leaves the server running. */
  async readLines(input: NodeJS.ReadableStream): Promise<void> {
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
    try {
      for await (const line of lines) await this.run(line);
    } catch (error) {
      this.host.note(this.host.err.red(`cannot read standard input: ${(error as Error).message}`));
    }
  }

  /** Runs one line; a mistake is reported, never thrown. */
  async run(line: string): Promise<void> {
    const parsed = parseServeLine(line);
    if (!parsed.ok) return this.host.note(this.host.err.red(parsed.error));
    try {
      await this.execute(parsed.command);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      this.host.note(this.host.err.red(error.message));
    }
  }

  private async execute(command: ServeCommand): Promise<void> {
    const { server, err, note } = this.host;
    switch (command.kind) {
      case 'nothing':
        return;
      case 'help':
        return note(...SERVE_HELP.map(([usage, what]) => `${err.cyan(usage.padEnd(28))} ${what}`));
      case 'clients':
        return note(...this.clientLines());
      case 'rooms': {
        const rooms = server.rooms();
        return note(
          ...(rooms.length === 0
            ? [err.dim('no rooms')]
            : rooms.map((r) => `${r.room}  ${r.members} member${r.members === 1 ? '' : 's'}`)),
        );
      }
      case 'timeline': {
        const lines = this.host.timelines.of(command.id);
        return note(
          ...(lines === null
            ? [err.dim(`no timeline kept for #${command.id}`)]
            : [err.dim(`timeline of #${command.id}:`), ...lines.map((l) => l.text)]),
        );
      }
      case 'reload':
        return this.host.reload();
      case 'quit':
        return this.host.quit();
      case 'send': {
        const count = await this.forTargets(command.target, (id) =>
          server.connection(id).send(command.message),
        );
        if (count === 0)
          note(err.yellow(`nobody to send to: ${describe(command.target)} has no open connection`));
        return;
      }
      case 'close': {
        const count = await this.forTargets(command.target, (id) =>
          server.connection(id).close({ code: command.code, reason: command.reason }),
        );
        if (count === 0)
          note(err.yellow(`nobody to close: ${describe(command.target)} has no open connection`));
        return;
      }
      case 'drop':
        return server.connection(command.id).drop();
      case 'ping':
        return server.connection(command.id).ping(command.data);
    }
  }

  /** Runs `action` for every open connection the target names; returns how many. */
  private async forTargets(target: Target, action: (id: number) => void | Promise<void>): Promise<number> {
    const { server } = this.host;
    if (target.kind === 'conn') {
      await action(target.id);
      return 1;
    }
    const ids = server
      .clients()
      .filter((c) => target.kind === 'all' || c.rooms.includes(target.room))
      .map((c) => c.id);
    await Promise.all(ids.map((id) => action(id)));
    return ids.length;
  }

  private clientLines(): string[] {
    const { server, err } = this.host;
    const clients = server.clients();
    if (clients.length === 0) return [err.dim(`no clients connected to ${server.url}`)];
    const rows = clients.map((c) => [
      `#${c.id}`,
      c.remote,
      c.path,
      c.subprotocol ?? '-',
      c.rooms.join(',') || '-',
      ms(Math.round(c.age)),
      String(c.messagesIn),
      String(c.messagesOut),
    ]);
    const header = ['id', 'remote', 'path', 'subprotocol', 'rooms', 'age', 'in', 'out'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: readonly string[]): string =>
      cells
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    return [err.dim(line(header)), ...rows.map(line)];
  }
}

function describe(target: Target): string {
  return target.kind === 'all'
    ? 'the server'
    : target.kind === 'room'
      ? `room ${target.room}`
      : `#${target.id}`;
}
