// Test support: a program run on a real pseudo-terminal, inside a detached tmux session on its
// own server socket, typed at with send-keys and read back with capture-pane.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PeerCheck } from '../../../test/peers/available.js';

const run = promisify(execFile);

/**
 * Whether tmux can be used here. Missing, it is a skip with the reason printed, unless
 * REQUIRE_PEERS=1 (CI), where it is an error — as test/peers/available.ts does for the peers.
 */
export async function checkTmux(): Promise<PeerCheck> {
  try {
    await run('tmux', ['-V'], { timeout: 10_000 });
    return { ok: true, reason: null };
  } catch (error) {
    const reason = `tmux unavailable (apt-get install -y tmux): ${(error as Error).message.split('\n')[0]}`;
    if (process.env.REQUIRE_PEERS === '1') throw new Error(`REQUIRE_PEERS=1 but a peer is missing: ${reason}`, { cause: error });
    console.warn(`skipping: ${reason}`);
    return { ok: false, reason };
  }
}

/** How the program in the pane ended. */
export interface PaneExit {
  /** Its exit status (128 + n when signal n ended it). */
  readonly status: number;
  /** The pane's last screen, up to the exit line. */
  readonly screen: string;
}

/** What the pane prints when the program has exited (the shell around it reaps it, not tmux). */
const EXIT_LINE = /^\[exit (\d+)\]$/m;

/** The screen's lines without the empty rows below the last output. */
export function screenLines(screen: string): string[] {
  const lines = screen.split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * One detached tmux session of `columns` × `rows` running `argv` with `env` on top of tmux's own
 * (TERM comes from tmux: a real terminal type). A shell runs the program and prints its exit
 * status: tmux's own `#{pane_dead_status}` proved unreliable here (the pane reads dead while
 * the process stays an unreaped zombie).
 */
export class TmuxPane {
  // The server's own socket in a temporary directory: no other tmux is touched, nothing is left.
  private readonly dir = mkdtempSync(join(tmpdir(), 'wstap-tmux-'));
  private readonly socket = join(this.dir, 'socket');
  private readonly target = 'pty:0.0';

  private constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Starts the session; the pane stays after the program exits, so its last screen can be read. */
  static async start(argv: readonly string[], env: Readonly<Record<string, string>>, columns = 120, rows = 40): Promise<TmuxPane> {
    // The tmux server inherits this environment: no TMUX (a nested session), no inherited colors.
    const base: NodeJS.ProcessEnv = { ...process.env };
    delete base.TMUX;
    delete base.FORCE_COLOR;
    const pane = new TmuxPane(base);
    const vars = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    // argv reaches the shell as its positional parameters: no quoting to get wrong.
    const script = '"$@"; printf "\\n[exit %s]\\n" "$?"';
    await pane.tmux(
      ['-f', '/dev/null', 'new-session', '-d', '-s', 'pty', '-x', String(columns), '-y', String(rows), ...vars, 'sh', '-c', script, 'sh', ...argv],
      ';',
      ['set-option', '-t', 'pty', 'remain-on-exit', 'on'],
    );
    return pane;
  }

  /** The visible screen, or with `history` everything that scrolled off it too. */
  async capture(history = false): Promise<string> {
    const { stdout } = await this.tmux(['capture-pane', '-p', '-t', this.target, ...(history ? ['-S', '-'] : [])]);
    return stdout;
  }

  /** Types `text` as it is (no key names). */
  async type(text: string): Promise<void> {
    await this.tmux(['send-keys', '-t', this.target, '-l', text]);
  }

  /** Presses one named key (Enter, C-d, …). */
  async press(key: string): Promise<void> {
    await this.tmux(['send-keys', '-t', this.target, key]);
  }

  /**
   * Captures the screen every `everyMs` until `test` accepts it; fails after `timeoutMs` with
   * the last screen. (A terminal has no event to wait for: polling it, bounded, is the way.)
   */
  async waitFor(what: string, test: (screen: string) => boolean, timeoutMs = 10_000, everyMs = 40): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.capture();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`tmux pane: no ${what} within ${timeoutMs} ms; the screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  /** Waits for the program to exit; its status and last screen. */
  async exited(timeoutMs = 10_000): Promise<PaneExit> {
    const screen = await this.waitFor('exit of the program', (text) => EXIT_LINE.test(text), timeoutMs);
    return { status: Number(EXIT_LINE.exec(screen)?.[1]), screen: screen.slice(0, screen.search(EXIT_LINE)) };
  }

  /** Ends the tmux server of this pane (and whatever still runs in it) and removes its socket. */
  async kill(): Promise<void> {
    await this.tmux(['kill-server']).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private tmux(...commands: (readonly string[] | string)[]): Promise<{ stdout: string }> {
    const args = commands.flatMap((c) => (typeof c === 'string' ? [c] : [...c]));
    return run('tmux', ['-S', this.socket, ...args], { env: this.env, timeout: 10_000 });
  }
}
