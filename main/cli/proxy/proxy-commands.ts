import { parseHex } from '../../../shared/protocol/base64.js';
import type { Injected, Side } from '../../engine/proxy/interventions.js';
import { parseWhole } from '../connect/values.js';
import { UserError } from '../errors.js';

/** What one line at the proxy's console asks for. */
export type ProxyCommand =
  | { readonly kind: 'inject'; readonly conn: number; readonly to: Side; readonly what: Injected }
  | {
      readonly kind: 'close';
      readonly conn: number;
      readonly side: Side | 'both';
      readonly code: number;
      readonly reason: string;
    }
  | { readonly kind: 'cut'; readonly conn: number }
  | { readonly kind: 'hold' | 'release'; readonly conn: number; readonly to: Side }
  | { readonly kind: 'connections' | 'help' | 'quit' | 'nothing' };

/** The console's commands (the `/help` text). */
export const PROXY_HELP: readonly (readonly [usage: string, what: string])[] = [
  ['/send #3 app|target <text>', 'inject a text message toward the app or the target'],
  ['/json #3 app|target <json>', 'inject JSON text (checked first)'],
  ['/binary #3 app|target <hex>', 'inject a binary message'],
  ['/ping #3 app|target [data]', 'inject a ping'],
  [
    '/close #3 app|target|both [code [reason]]',
    'close that side with this code (default 1000); nothing more is relayed to or from it',
  ],
  ['/cut #3', 'reset both TCP connections: no Close frame, both sides see 1006'],
  ['/hold #3 app|target', 'keep everything going toward that side (bounded by --max-held)'],
  ['/release #3 app|target', 'send what was held, in order, and relay again'],
  ['/connections', 'connections through the proxy, with what is held'],
  ['/quit', 'stop the proxy'],
];

type Parsed =
  { readonly ok: true; readonly command: ProxyCommand } | { readonly ok: false; readonly error: string };

/** Parses one console line; mistakes come back as a message saying what to type. */
export function parseProxyLine(line: string): Parsed {
  try {
    return { ok: true, command: parse(line.trim()) };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error: error.message };
    throw error;
  }
}

function parse(line: string): ProxyCommand {
  if (line === '') return { kind: 'nothing' };
  if (!line.startsWith('/'))
    throw new UserError(
      'the proxy console takes commands: /help lists them (/send #3 app hello injects a message)',
    );
  const [name = '', ...words] = line.slice(1).split(/\s+/);
  const rest = (n: number): string => line.slice(1).split(/\s+/).slice(n).join(' ');
  const conn = (): number => parseConn(words[0], `/${name}`);
  const side = (): Side => parseSide(words[1], `/${name}`);
  switch (name.toLowerCase()) {
    case 'send':
      return { kind: 'inject', conn: conn(), to: side(), what: { kind: 'text', text: rest(3) } };
    case 'json':
      try {
        return {
          kind: 'inject',
          conn: conn(),
          to: side(),
          what: { kind: 'json', value: JSON.parse(rest(3)) as unknown },
        };
      } catch (error) {
        if (error instanceof UserError) throw error;
        throw new UserError(`/json: not valid JSON, not sent: ${(error as Error).message}`);
      }
    case 'binary': {
      const bytes = parseHex(rest(3));
      if (!(bytes instanceof Uint8Array)) throw new UserError(`/binary takes hex bytes: ${bytes.error}`);
      return { kind: 'inject', conn: conn(), to: side(), what: { kind: 'binary', bytes } };
    }
    case 'ping':
      return { kind: 'inject', conn: conn(), to: side(), what: { kind: 'ping', data: rest(3) } };
    case 'close': {
      const target = words[1] === 'both' ? 'both' : side();
      const code = words[2] === undefined ? 1000 : parseWhole('/close', words[2]);
      return { kind: 'close', conn: conn(), side: target, code, reason: rest(4) };
    }
    case 'cut':
      return { kind: 'cut', conn: conn() };
    case 'hold':
    case 'release':
      return { kind: name.toLowerCase() as 'hold' | 'release', conn: conn(), to: side() };
    case 'connections':
    case 'help':
    case 'quit':
      return { kind: name.toLowerCase() as 'connections' | 'help' | 'quit' };
    default:
      throw new UserError(`unknown command /${name}: /help lists them`);
  }
}

function parseConn(word: string | undefined, command: string): number {
  const match = /^#?(\d+)$/.exec(word ?? '');
  if (!match) throw new UserError(`${command} needs a connection: #3 (see /connections)`);
  return Number(match[1]);
}

function parseSide(word: string | undefined, command: string): Side {
  if (word === 'app' || word === 'target') return word;
  throw new UserError(`${command} needs a side after the connection: app or target`);
}
