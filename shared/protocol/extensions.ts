/**
 * `Sec-WebSocket-Extensions` parsing (RFC 6455 §9.1) and permessage-deflate parameter validation
 * (RFC 7692 §7.1). The header is read by a character-by-character tokenizer, not regular
 * expressions, so hostile header text costs linear time and every error names its position.
 */

/** A parameter's value: the text after `=` (quotes removed), or `true` when it has none. */
export type ExtensionParamValue = string | true;

/** One extension of the header: its name and parameters in header order. */
export interface Extension {
  readonly name: string;
  /**
   * Parameter name → every value given for it, in order (RFC 6455 allows repeats; RFC 7692 §7
   * rejects them, so they must stay visible). A prototype-free object: a parameter named
   * `__proto__` or `constructor` is an ordinary key, and the value is JSON-safe for the bridge.
   */
  readonly params: Readonly<Record<string, readonly ExtensionParamValue[]>>;
  /** 0-based character position of the extension's name in the header. */
  readonly position: number;
}

/** Why a header or an extension was rejected, and the 0-based character position it concerns. */
export interface ExtensionError {
  readonly message: string;
  readonly position: number;
}

/** A parse outcome: a value, or an error a user can read (no exceptions cross the bridge). */
export type ExtensionResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ExtensionError };

const HTAB = 0x09;
const SP = 0x20;
const DQUOTE = 0x22;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const BACKSLASH = 0x5c;

/** RFC 7230 §3.2.6 tchar: `!#$%&'*+-.^_`|~`, digits and letters. */
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TCHAR[c.charCodeAt(0)] = 1;
}

function isTchar(code: number): boolean {
  return code < 128 && TCHAR[code] === 1;
}

/** RFC 7230 §3.2.6: qdtext and the second octet of a quoted-pair (HTAB, SP, VCHAR, obs-text). */
function isQuotable(code: number): boolean {
  return code === HTAB || (code >= SP && code <= 0xff && code !== 0x7f);
}

/** A character for an error message: printable ones quoted, the rest as U+XXXX. */
function describeChar(text: string, position: number): string {
  if (position >= text.length) return 'the end of the header';
  const code = text.charCodeAt(position);
  if (code > SP && code < 0x7f) return `'${text[position]}'`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A map keyed by header text: with no prototype, `__proto__` and `constructor` are plain keys. */
function prototypeFree<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

class HeaderSyntaxError {
  constructor(
    readonly message: string,
    readonly position: number,
  ) {}
}

/** The tokenizer: a cursor over the header and one method per grammar rule. */
class Cursor {
  pos = 0;
  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  /** RFC 7230 §3.2.3 OWS; RFC 6455 §9.1 inherits implied whitespace between all elements. */
  skipSpace(): void {
    while (this.peek() === SP || this.peek() === HTAB) this.pos++;
  }

  fail(expected: string): never {
    throw new HeaderSyntaxError(
      `expected ${expected}, found ${describeChar(this.text, this.pos)} at position ${this.pos}`,
      this.pos,
    );
  }

  token(expected: string): string {
    const start = this.pos;
    while (isTchar(this.peek())) this.pos++;
    if (this.pos === start) this.fail(expected);
    return this.text.slice(start, this.pos);
  }

  /** RFC 7230 §3.2.6 quoted-string; RFC 6455 §9.1: once unescaped it must be a token. */
  quoted(): string {
    const start = this.pos;
    this.pos++;
    let value = '';
    while (true) {
      const code = this.peek();
      if (code === -1) {
        throw new HeaderSyntaxError(`quoted string opened at position ${start} is not closed`, start);
      }
      if (code === DQUOTE) break;
      if (code === BACKSLASH) {
        this.pos++;
        if (!isQuotable(this.peek())) this.fail('a character after the backslash');
      } else if (!isQuotable(code)) {
        this.fail('a character of a quoted string');
      }
      value += this.text[this.pos];
      this.pos++;
    }
    this.pos++;
    for (let i = 0; i < value.length; i++) {
      if (!isTchar(value.charCodeAt(i))) {
        throw new HeaderSyntaxError(
          `quoted value at position ${start} must be a token once unquoted (RFC 6455 §9.1), found ${describeChar(value, i)}`,
          start,
        );
      }
    }
    if (value === '') {
      throw new HeaderSyntaxError(
        `quoted value at position ${start} is empty; it must be a token (RFC 6455 §9.1)`,
        start,
      );
    }
    return value;
  }

  /** extension = extension-token *( ";" extension-param ) */
  extension(): Extension {
    const position = this.pos;
    const name = this.token('an extension name');
    const params = prototypeFree<ExtensionParamValue[]>();
    while (true) {
      this.skipSpace();
      if (this.peek() !== SEMICOLON) break;
      this.pos++;
      this.skipSpace();
      const param = this.token('a parameter name');
      this.skipSpace();
      let value: ExtensionParamValue = true;
      if (this.peek() === EQUALS) {
        this.pos++;
        this.skipSpace();
        value =
          this.peek() === DQUOTE
            ? this.quoted()
            : this.token('a parameter value (a token or a quoted string)');
      }
      const values = params[param];
      if (values === undefined) params[param] = [value];
      else values.push(value);
    }
    return { name, params, position };
  }
}

/**
 * Parses a `Sec-WebSocket-Extensions` value into its extensions, in order (RFC 6455 §9.1). Empty
 * list elements are skipped as RFC 7230 §7 asks; a header with no extension at all is an error.
 * Several header lines combine into one value joined by `, ` (RFC 7230 §3.2.2).
 */
export function parseExtensions(header: string): ExtensionResult<readonly Extension[]> {
  const cursor = new Cursor(header);
  const extensions: Extension[] = [];
  try {
    while (true) {
      cursor.skipSpace();
      if (cursor.done) break;
      if (cursor.peek() === COMMA) {
        cursor.pos++;
        continue;
      }
      extensions.push(cursor.extension());
      cursor.skipSpace();
      if (cursor.done) break;
      if (cursor.peek() !== COMMA) cursor.fail("';' or ','");
      cursor.pos++;
    }
    if (extensions.length === 0) cursor.fail('an extension name');
  } catch (error) {
    if (!(error instanceof HeaderSyntaxError)) throw error;
    return { ok: false, error: { message: error.message, position: error.position } };
  }
  return { ok: true, value: extensions };
}

/** The extension name RFC 7692 §7 registers. */
export const PERMESSAGE_DEFLATE = 'permessage-deflate';

/** An LZ77 window size as a base-2 logarithm (RFC 7692 §7.1.2). */
export type WindowBits = 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;

/** Validated permessage-deflate parameters of one offer or one response (RFC 7692 §7.1). */
export interface PerMessageDeflateParams {
  /** §7.1.1.1: the server resets its LZ77 window after every message. */
  readonly serverNoContextTakeover: boolean;
  /** §7.1.1.2: the client resets its LZ77 window after every message. */
  readonly clientNoContextTakeover: boolean;
  /** §7.1.2.1: the largest window the server compresses with; null means 15. */
  readonly serverMaxWindowBits: WindowBits | null;
  /**
   * §7.1.2.2: the largest window the client compresses with; null means 15. `true` only in a
   * request: the client supports the parameter and lets the server pick.
   */
  readonly clientMaxWindowBits: WindowBits | true | null;
}

const KNOWN_PARAMS = [
  'server_no_context_takeover',
  'client_no_context_takeover',
  'server_max_window_bits',
  'client_max_window_bits',
];

/**
 * Validates one permessage-deflate offer (`side: 'request'`) or the accepted response
 * (`'response'`) as RFC 7692 §7 requires: a server declines, and a client fails the connection on,
 * unknown parameters, repeated parameters and invalid values. Whether a response answers what was
 * offered is the handshake's concern, not checked here.
 */
export function parsePerMessageDeflate(
  extension: Extension,
  side: 'request' | 'response',
): ExtensionResult<PerMessageDeflateParams> {
  const fail = (message: string): ExtensionResult<PerMessageDeflateParams> => ({
    ok: false,
    error: {
      message: `${PERMESSAGE_DEFLATE} at position ${extension.position}: ${message}`,
      position: extension.position,
    },
  });
  if (extension.name !== PERMESSAGE_DEFLATE) {
    return fail(`this is '${extension.name}', not ${PERMESSAGE_DEFLATE}`);
  }
  const where = side === 'request' ? 'an offer' : 'a response';
  const single = prototypeFree<ExtensionParamValue>();
  for (const name of Object.keys(extension.params)) {
    if (!KNOWN_PARAMS.includes(name)) return fail(`unknown parameter '${name}' in ${where} (RFC 7692 §7)`);
    const values = extension.params[name] ?? [];
    const first = values[0];
    if (first === undefined) continue;
    if (values.length > 1)
      return fail(`parameter '${name}' appears ${values.length} times; it may appear once (RFC 7692 §7)`);
    single[name] = first;
  }
  for (const name of ['server_no_context_takeover', 'client_no_context_takeover']) {
    const value = single[name];
    if (value !== undefined && value !== true) {
      return fail(`parameter '${name}' takes no value, got '${value}' (RFC 7692 §7.1.1)`);
    }
  }
  const server = single['server_max_window_bits'];
  const serverBits = server === undefined ? null : windowBits(server);
  if (serverBits === undefined) {
    return fail(
      `server_max_window_bits must be an integer from 8 to 15, got ${shown(server)} (RFC 7692 §7.1.2.1)`,
    );
  }
  const client = single['client_max_window_bits'];
  let clientBits: WindowBits | true | null | undefined = null;
  if (client === true && side === 'request') clientBits = true;
  else if (client !== undefined) clientBits = windowBits(client);
  if (clientBits === undefined) {
    const rule = side === 'response' && client === true ? ' (a response must give a value)' : '';
    return fail(
      `client_max_window_bits must be an integer from 8 to 15${rule}, got ${shown(client)} (RFC 7692 §7.1.2.2)`,
    );
  }
  return {
    ok: true,
    value: {
      serverNoContextTakeover: single['server_no_context_takeover'] === true,
      clientNoContextTakeover: single['client_no_context_takeover'] === true,
      serverMaxWindowBits: serverBits,
      clientMaxWindowBits: clientBits,
    },
  };
}

/** RFC 7692 §7.1.2: a decimal integer from 8 to 15 without leading zeros; undefined when not. */
function windowBits(value: ExtensionParamValue | undefined): WindowBits | undefined {
  if (value === true || value === undefined) return undefined;
  if (value.length === 1 && value >= '8' && value <= '9') return Number(value) as WindowBits;
  if (
    value.length === 2 &&
    value[0] === '1' &&
    value[1] !== undefined &&
    value[1] >= '0' &&
    value[1] <= '5'
  ) {
    return Number(value) as WindowBits;
  }
  return undefined;
}

function shown(value: ExtensionParamValue | undefined): string {
  return value === true || value === undefined ? 'no value' : `'${value}'`;
}

/**
 * The permessage-deflate parameters a server's `Sec-WebSocket-Extensions` response accepted, null
 * when it accepted none. A server accepts one offer, so a response naming the extension twice is
 * an error, as is any parameter RFC 7692 §7 does not allow in a response.
 */
export function perMessageDeflateFromResponse(
  header: string,
): ExtensionResult<PerMessageDeflateParams | null> {
  const parsed = parseExtensions(header);
  if (!parsed.ok) return parsed;
  const accepted = parsed.value.filter((extension) => extension.name === PERMESSAGE_DEFLATE);
  const [first, second] = accepted;
  if (first === undefined) return { ok: true, value: null };
  if (second !== undefined) {
    return {
      ok: false,
      error: {
        message: `${PERMESSAGE_DEFLATE} is accepted twice (positions ${first.position} and ${second.position})`,
        position: second.position,
      },
    };
  }
  return parsePerMessageDeflate(first, 'response');
}
