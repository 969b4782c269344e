import { parseHex } from '../../../shared/protocol/base64.js';
import type { Outgoing } from '../../engine/client/client-options.js';
import { parseSendableCloseCode } from '../connect/values.js';
import { UserError } from '../errors.js';

/** Who a console command goes to. */
export type Target =
  | { readonly kind: 'conn'; readonly id: number }
  | { readonly kind: 'room'; readonly room: string }
  | { readonly kind: 'all' };

/** What one console line asks for. */
export type ServeCommand =
  | { readonly kind: 'send'; readonly target: Target; readonly message: Outgoing }
  | { readonly kind: 'close'; readonly target: Target; readonly code?: number; readonly reason?: string }
  | { readonly kind: 'drop'; readonly id: number }
  | { readonly kind: 'ping'; readonly id: number; readonly data: string }
  | { readonly kind: 'clients' }
  | { readonly kind: 'rooms' }
  | { readonly kind: 'timeline'; readonly id: number }
  | { readonly kind: 'reload' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'help' }
  | { readonly kind: 'nothing' };

/** The console's commands (the `/help` text). */
export const SERVE_HELP: readonly (readonly [usage: string, what: string])[] = [
  ['<text>', 'send text to every connected client (wscat -l style)'],
  ['/send <to> <text>', 'send text to one client (#3), a room (@lobby) or all'],
  ['/json <to> <json>', 'send JSON text after checking it parses'],
  ['/binary <to> <hex>', 'send a binary message: /binary #3 89 50 4e 47'],
  ['/close <to> [code [reason]]', 'start the close handshake (default 1000), e.g. /close #3 4001 kicked'],
  ['/drop <#id>', 'cut TCP without a Close frame (the client sees 1006)'],
  ['/ping <#id> [data]', 'ping a client (its pong shows the round trip)'],
  ['/clients', 'connected clients: id, address, path, subprotocol, rooms, age, messages in/out'],
  ['/rooms', 'rooms and their member counts'],
  ['/timeline <#id>', "a client's timeline so far (kept for the last 200 events of each)"],
  ['/reload', 'reload the mock file or handler now'],
  ['/quit', 'close every client with 1001 and stop'],
  ['/help', 'this list; start a line with // to send text that begins with /'],
];

type Parsed =
  { readonly ok: true; readonly command: ServeCommand } | { readonly ok: false; readonly error: string };

/** Parses one console line; errors say what to type instead. */
export function parseServeLine(line: string): Parsed {
  try {
    return { ok: true, command: parse(line) };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error: error.message };
    throw error;
  }
}

function parse(line: string): ServeCommand {
  if (line.trim() === '') return { kind: 'nothing' };
  if (!line.startsWith('/'))
    return { kind: 'send', target: { kind: 'all' }, message: { kind: 'text', text: line } };
  if (line.startsWith('//'))
    return { kind: 'send', target: { kind: 'all' }, message: { kind: 'text', text: line.slice(1) } };
  const [name = '', rest] = splitWord(line.slice(1));
  switch (name.toLowerCase()) {
    case 'send': {
      const [to, text] = splitWord(rest);
      return { kind: 'send', target: parseTarget(to, '/send'), message: { kind: 'text', text } };
    }
    case 'json': {
      const [to, text] = splitWord(rest);
      try {
        return {
          kind: 'send',
          target: parseTarget(to, '/json'),
          message: { kind: 'json', value: JSON.parse(text) as unknown },
        };
      } catch (error) {
        if (error instanceof UserError) throw error;
        throw new UserError(`/json: not valid JSON, not sent: ${(error as Error).message}`);
      }
    }
    case 'binary': {
      const [to, hex] = splitWord(rest);
      const bytes = parseHex(hex);
      if (!(bytes instanceof Uint8Array))
        throw new UserError(`/binary takes hex bytes, e.g. /binary #3 89 50 4e 47: ${bytes.error}`);
      return { kind: 'send', target: parseTarget(to, '/binary'), message: { kind: 'binary', bytes } };
    }
    case 'close': {
      const [to, args] = splitWord(rest);
      const [code, reason] = splitWord(args);
      return {
        kind: 'close',
        target: parseTarget(to, '/close'),
        ...(code ? { code: parseSendableCloseCode('/close', code) } : {}),
        ...(reason ? { reason } : {}),
      };
    }
    case 'drop':
      return { kind: 'drop', id: parseId(rest.trim(), '/drop') };
    case 'ping': {
      const [to, data] = splitWord(rest);
      return { kind: 'ping', id: parseId(to, '/ping'), data };
    }
    case 'timeline':
      return { kind: 'timeline', id: parseId(rest.trim(), '/timeline') };
    case 'clients':
    case 'rooms':
    case 'reload':
    case 'quit':
    case 'help':
      return { kind: name.toLowerCase() as 'clients' | 'rooms' | 'reload' | 'quit' | 'help' };
    default:
      throw new UserError(
        `unknown command /${name}: /help lists them (start with // to send text beginning with /)`,
      );
  }
}

function splitWord(text: string): [string, string] {
  const trimmed = text.replace(/^\s+/, '');
  const space = trimmed.search(/\s/);
  return space < 0 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space + 1)];
}

/** `#3`/`3` a client, `@room` (or `room:name`) a room, `all`/`*` everyone. */
export function parseTarget(word: string, command: string): Target {
  if (word === 'all' || word === '*') return { kind: 'all' };
  if (word.startsWith('@') && word.length > 1) return { kind: 'room', room: word.slice(1) };
  if (word.startsWith('room:') && word.length > 5) return { kind: 'room', room: word.slice(5) };
  return { kind: 'conn', id: parseId(word, command) };
}

function parseId(word: string, command: string): number {
  const match = /^#?(\d+)$/.exec(word);
  if (!match)
    throw new UserError(
      `${command} needs a client: #3 (see /clients)${command === '/send' || command === '/close' ? ', @room or all' : ''}`,
    );
  return Number(match[1]);
}
