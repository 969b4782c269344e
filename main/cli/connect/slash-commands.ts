import { parseHex } from '../../../shared/protocol/base64.js';
import type { Outgoing } from '../../engine/client/client-options.js';

/** What one typed line asks for. */
export type InputCommand =
  | { readonly kind: 'send'; readonly message: Outgoing; readonly fragments?: number }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'ping'; readonly data: string }
  | { readonly kind: 'pong'; readonly data: string }
  | { readonly kind: 'close'; readonly code?: number; readonly reason?: string }
  | { readonly kind: 'raw'; readonly bytes: Uint8Array }
  | { readonly kind: 'pongs'; readonly on: boolean }
  | { readonly kind: 'info' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'help' }
  | { readonly kind: 'nothing' };

/** A parsed line, or why it cannot be run. */
export type ParsedLine = { readonly ok: true; readonly command: InputCommand } | { readonly ok: false; readonly error: string };

/** The slash commands with their arguments and what they do (the `/help` text). */
export const SLASH_HELP: readonly (readonly [usage: string, what: string])[] = [
  ['/ping [data]', 'send a ping (its pong shows the round trip)'],
  ['/pong [data]', 'send an unsolicited pong'],
  ['/close [code [reason]]', 'start the close handshake (default 1000)'],
  ['/binary <hex>', 'send a binary message: /binary 89 50 4e 47'],
  ['/base64 <b64>', 'send a binary message given as base64'],
  ['/json <text>', 'send text after checking it is valid JSON'],
  ['/file <path>', "send a file's contents (text when it is UTF-8, else binary)"],
  ['/frag <n> <text>', 'send text as a message of n frames'],
  ['/raw <hex>', 'write these bytes to the socket as they are (a hand-made frame)'],
  ['/pongs on|off', 'answer pings automatically, or not (to test a server timeout)'],
  ['/info', 'the handshake, negotiated extensions, message counts and RTT stats'],
  ['/quit', 'close (1000) and exit'],
  ['/help', 'this list; start a line with // to send text that begins with /'],
];

const ok = (command: InputCommand): ParsedLine => ({ ok: true, command });
const fail = (error: string): ParsedLine => ({ ok: false, error });

/**
 * Parses one line typed at the prompt. A line not starting with `/` is a text message; `//x`
 * sends the text `/x`; an empty line does nothing.
 */
export function parseInputLine(line: string): ParsedLine {
  if (line === '') return ok({ kind: 'nothing' });
  if (!line.startsWith('/')) return ok({ kind: 'send', message: { kind: 'text', text: line } });
  if (line.startsWith('//')) return ok({ kind: 'send', message: { kind: 'text', text: line.slice(1) } });
  const space = line.search(/\s/);
  const name = (space < 0 ? line : line.slice(0, space)).slice(1).toLowerCase();
  // The argument keeps inner spaces: `/ping a b` pings with "a b".
  const arg = space < 0 ? '' : line.slice(space + 1);
  switch (name) {
    case 'ping':
    case 'pong':
      return ok({ kind: name, data: arg });
    case 'close':
      return parseClose(arg);
    case 'binary':
    case 'hex': {
      const bytes = parseHex(arg);
      return 'error' in bytes ? fail(`/binary takes hex bytes: ${bytes.error}`) : ok({ kind: 'send', message: { kind: 'binary', bytes } });
    }
    case 'base64': {
      const bytes = parseBase64(arg);
      return bytes === null ? fail('/base64 takes standard base64 (A-Z a-z 0-9 + /, = padding)') : ok({ kind: 'send', message: { kind: 'binary', bytes } });
    }
    case 'json':
      return parseJson(arg);
    case 'file':
      return arg.trim() === '' ? fail('/file takes a path') : ok({ kind: 'file', path: arg.trim() });
    case 'frag':
      return parseFrag(arg);
    case 'raw': {
      const bytes = parseHex(arg);
      if ('error' in bytes) return fail(`/raw takes the frame's bytes in hex: ${bytes.error}`);
      return bytes.length === 0 ? fail('/raw takes the bytes to write, in hex: /raw 81 02 68 69') : ok({ kind: 'raw', bytes });
    }
    case 'pongs': {
      const value = arg.trim().toLowerCase();
      if (value === 'on' || value === 'off') return ok({ kind: 'pongs', on: value === 'on' });
      return fail('/pongs takes on or off');
    }
    case 'info':
    case 'quit':
    case 'help':
      return ok({ kind: name });
    case 'exit':
      return ok({ kind: 'quit' });
    default:
      return fail(`unknown command /${name} (type /help; start a line with // to send text beginning with /)`);
  }
}

function parseClose(arg: string): ParsedLine {
  // wscat documents `/close [code [, reason]]`: a comma after the code is accepted.
  const match = /^\s*(\d+)?\s*,?\s*(.*)$/s.exec(arg);
  const code = match?.[1];
  const reason = match?.[2] ?? '';
  if (code === undefined) return reason.trim() === '' ? ok({ kind: 'close' }) : fail('/close takes a code first: /close 1000 bye');
  return ok({ kind: 'close', code: Number(code), ...(reason === '' ? {} : { reason }) });
}

function parseFrag(arg: string): ParsedLine {
  const match = /^\s*(\d+)\s(.*)$/s.exec(arg);
  const count = Number(match?.[1]);
  if (!match || count < 1) return fail('/frag takes a frame count ≥ 1 and the text: /frag 3 hello there');
  return ok({ kind: 'send', message: { kind: 'text', text: match[2] ?? '' }, fragments: count });
}

function parseJson(arg: string): ParsedLine {
  try {
    JSON.parse(arg);
  } catch (error) {
    return fail(`/json: not valid JSON: ${(error as Error).message}`);
  }
  // Sent as typed (not re-serialised), so the bytes are the user's.
  return ok({ kind: 'send', message: { kind: 'text', text: arg } });
}

/** Strict standard base64 (whitespace ignored); null when invalid. */
export function parseBase64(text: string): Uint8Array | null {
  const clean = text.replace(/\s/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  return new Uint8Array(Buffer.from(clean, 'base64'));
}
