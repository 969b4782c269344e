import { createInterface } from 'node:readline';
import type { Outgoing } from '../../engine/client/client-options.js';
import { parseBase64, parseInputLine, type ParsedLine } from './slash-commands.js';

/** How piped standard input becomes commands. */
export interface PipedInputOptions {
  readonly mode: 'text' | 'binary' | 'base64';
  /** Lines starting with `/` are slash commands (wscat's --slash). */
  readonly slash: boolean;
}

/**
 * Reads piped standard input as commands: each line one text message (or, with `base64`, one
 * binary message decoded from base64), or with `binary` each chunk read one binary message
 * (websocat's -b: message boundaries are read boundaries, up to 64 KiB).
 */
export async function* pipedCommands(stdin: NodeJS.ReadableStream, options: PipedInputOptions): AsyncGenerator<ParsedLine> {
  if (options.mode === 'binary') {
    for await (const chunk of stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      yield { ok: true, command: { kind: 'send', message: { kind: 'binary', bytes: new Uint8Array(bytes) } } };
    }
    return;
  }
  const lines = createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  try {
    for await (const line of lines) yield lineCommand(line, options);
  } finally {
    lines.close();
  }
}

/** One piped line as a command: every line is a message, an empty one too. */
export function lineCommand(line: string, options: PipedInputOptions): ParsedLine {
  if (options.slash && line.startsWith('/')) return parseInputLine(line);
  if (options.mode === 'base64') {
    const bytes = parseBase64(line);
    if (bytes === null) return { ok: false, error: `not base64, not sent: ${line.length > 40 ? `${line.slice(0, 40)}…` : line}` };
    return { ok: true, command: { kind: 'send', message: { kind: 'binary', bytes } } };
  }
  const message: Outgoing = { kind: 'text', text: line };
  return { ok: true, command: { kind: 'send', message } };
}
