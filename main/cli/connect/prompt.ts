import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { clearScreenDown, createInterface, cursorTo, moveCursor, type Interface } from 'node:readline';
import type { PromptGuard } from '../output/batched-output.js';

/** Lines kept in the history file. */
export const HISTORY_SIZE = 1000;

/** The history file: WSTAP_HISTORY (empty turns history off), else ~/.wstap_history. */
export function historyPath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.WSTAP_HISTORY !== undefined) return env.WSTAP_HISTORY === '' ? null : env.WSTAP_HISTORY;
  return join(homedir(), '.wstap_history');
}

/** Reads a history file (oldest line first on disk) as readline wants it: newest first, bounded. */
export function loadHistory(path: string | null): string[] {
  if (path === null) return [];
  try {
    return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '').slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

/** Writes readline's history (newest first) back, oldest first, bounded; only the user can read it. */
export function saveHistory(path: string | null, history: readonly string[]): void {
  if (path === null) return;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const lines = history.slice(0, HISTORY_SIZE).reverse();
    writeFileSync(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`, { mode: 0o600 });
  } catch {
    // History is a convenience: a read-only home must not fail the session.
  }
}

/** The interactive prompt: readline with history, redrawn around incoming output. */
export interface Prompt extends PromptGuard {
  readonly rl: Interface;
  /** Stops reading and saves the history. */
  close(): void;
}

/**
 * Opens the prompt on a terminal. Output written while the user types goes through hide/show:
 * the prompt and the half-typed line are erased, the output printed, and both redrawn with the
 * cursor where it was — readline's own `prompt(true)` redraw — so nothing typed is lost or torn.
 */
export function openPrompt(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, promptText: string): Prompt {
  const path = historyPath();
  const rl = createInterface({
    input,
    output,
    terminal: true,
    prompt: promptText,
    history: loadHistory(path),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
  });
  let visible = false;
  let closed = false;
  // Enter moved to a new line: the prompt is no longer on screen until shown again.
  rl.on('line', () => (visible = false));
  rl.once('close', () => {
    // Ctrl-D closes readline on an empty line: take the bare prompt off the screen.
    if (visible) {
      cursorTo(output, 0);
      clearScreenDown(output);
      visible = false;
    }
    closed = true;
    saveHistory(path, (rl as unknown as { history: string[] }).history ?? []);
  });
  return {
    rl,
    hide() {
      if (!visible || closed) return;
      // The input may wrap over several rows: go up to the prompt's first row, then clear down.
      moveCursor(output, 0, -rl.getCursorPos().rows);
      cursorTo(output, 0);
      clearScreenDown(output);
      visible = false;
    },
    show() {
      if (closed) return;
      // readline's redraw moves up by the rows it drew last time; the screen was just cleared.
      (rl as unknown as { prevRows: number }).prevRows = 0;
      rl.prompt(true);
      visible = true;
    },
    close() {
      if (closed) return;
      this.hide();
      rl.close();
    },
  };
}
