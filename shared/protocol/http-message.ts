/**
 * An incremental parser for the head of an HTTP/1.1 upgrade request or response (RFC 9112 §2-§5):
 * feed socket chunks, get the start line and header fields once the empty line arrives, and learn
 * how many bytes of the last chunk were head (the rest are WebSocket frames or a body).
 */

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HTAB = 0x09;
const TLS_HANDSHAKE_RECORD = 0x16;

/** `GET /chat HTTP/1.1` (RFC 9112 §3). */
export interface RequestLine {
  readonly kind: 'request';
  readonly method: string;
  readonly target: string;
  /** As sent, e.g. `HTTP/1.1`. */
  readonly version: string;
}

/** `HTTP/1.1 101 Switching Protocols` (RFC 9112 §4). */
export interface StatusLine {
  readonly kind: 'response';
  readonly version: string;
  readonly status: number;
  readonly reason: string;
}

/** One field line as sent: the name in its original case, the value without surrounding whitespace. */
export type HeaderField = readonly [name: string, value: string];

/** A deviation from RFC 9112 that lenient peers tolerate: reported, and parsing went on. */
export interface HeadProblem {
  /** 1-based line number; the start line is line 1. */
  readonly line: number;
  readonly message: string;
}

/** A parsed request or response head. Header text is decoded as Latin-1: one character per byte. */
export interface HttpHead {
  readonly start: RequestLine | StatusLine;
  /** Every field line in order, original case, obs-fold continuations joined with one space. */
  readonly headers: readonly HeaderField[];
  /**
   * Lookup by lowercase name. Repeated fields are combined with ", " (RFC 9110 §5.3), except
   * Set-Cookie, which cannot be combined (RFC 9110 §5.3, RFC 6265 §3) and lives in `setCookies`.
   */
  readonly fields: ReadonlyMap<string, string>;
  readonly setCookies: readonly string[];
  /** Bytes of the head, including the empty line that ends it. */
  readonly byteLength: number;
  readonly problems: readonly HeadProblem[];
}

/** Why the bytes are not an HTTP head (or not one within the limits). */
export interface HeadError {
  /** 1-based line the error is on, or null when it is about the head as a whole. */
  readonly line: number | null;
  readonly message: string;
}

/** What one `push()` found. */
export type HeadResult =
  | { readonly state: 'partial'; readonly buffered: number }
  | {
      readonly state: 'complete';
      readonly head: HttpHead;
      /** Bytes of the chunk just pushed that belonged to the head. */
      readonly consumed: number;
      /** The rest of that chunk (a view, not a copy): the first frame bytes or a body, not head. */
      readonly rest: Uint8Array;
    }
  | { readonly state: 'error'; readonly error: HeadError };

/** Limits and expectations of an HttpHeadParser. */
export interface HeadParserOptions {
  /** Largest head, in bytes, including the final empty line (default 16 KiB). */
  readonly maxHeadBytes?: number;
  /** Most field lines (default 100). */
  readonly maxHeaders?: number;
  /** Which kind of start line to accept; by default a line starting `HTTP/` is a status line. */
  readonly expect?: 'request' | 'response';
}

/** Default head size limit: 16 KiB, far above any real upgrade head, small enough to bound a tap. */
export const DEFAULT_MAX_HEAD_BYTES = 16 * 1024;
/** Default field line limit. */
export const DEFAULT_MAX_HEADERS = 100;

/** A byte-driven parser for one head; bytes after the head are returned untouched as `rest`. */
export class HttpHeadParser {
  private readonly maxHeadBytes: number;
  private readonly maxHeaders: number;
  private readonly expect: 'request' | 'response' | undefined;
  private buffer: Uint8Array;
  private length = 0;
  private lineStart = 0;
  private outcome: HeadResult | null = null;

  constructor(options: HeadParserOptions = {}) {
    this.maxHeadBytes = options.maxHeadBytes ?? DEFAULT_MAX_HEAD_BYTES;
    this.maxHeaders = options.maxHeaders ?? DEFAULT_MAX_HEADERS;
    this.expect = options.expect;
    this.buffer = new Uint8Array(Math.min(this.maxHeadBytes, 1024));
  }

  /** Feeds the next chunk. Throws when called again after a `complete` or `error` result. */
  push(chunk: Uint8Array): HeadResult {
    if (this.outcome) throw new Error('HttpHeadParser: push() after the head was complete or rejected');
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      // Fail at once on bytes no HTTP message starts with, rather than buffering 16 KiB of them.
      if (this.length === 0 && !isTcharCode(byte)) return this.fail(at(1, notHttpMessage(byte)));
      this.append(byte);
      if (byte === LF) {
        // RFC 9112 §2.2: a line may end in bare LF; the head ends at the first empty line.
        const lineLength = this.length - 1 - this.lineStart;
        if (lineLength === 0 || (lineLength === 1 && this.buffer[this.lineStart] === CR)) {
          const parsed = parseHead(this.buffer.subarray(0, this.length), this.maxHeaders, this.expect);
          if ('message' in parsed) return this.fail(parsed);
          this.outcome = { state: 'complete', head: parsed, consumed: i + 1, rest: chunk.subarray(i + 1) };
          return this.outcome;
        }
        this.lineStart = this.length;
      }
      // Any way to finish from here needs at least one more byte, which would pass the limit.
      if (this.length >= this.maxHeadBytes) {
        return this.fail({ line: null, message: `HTTP head larger than ${this.maxHeadBytes} bytes (no empty line ends it)` });
      }
    }
    return { state: 'partial', buffered: this.length };
  }

  /** The stream ended: null when the head was complete, else why there is no head. */
  end(): HeadError | null {
    if (this.outcome) return this.outcome.state === 'error' ? this.outcome.error : null;
    const error: HeadError =
      this.length === 0
        ? { line: null, message: 'the stream ended before any HTTP head' }
        : { line: null, message: `the stream ended ${this.length} bytes into the HTTP head, before the empty line that ends it` };
    this.fail(error);
    return error;
  }

  private fail(error: HeadError): HeadResult {
    this.outcome = { state: 'error', error };
    return this.outcome;
  }

  private append(byte: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint8Array(Math.min(this.buffer.length * 2, this.maxHeadBytes));
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = byte;
  }
}

/** Parses a head from one buffer; bytes after it come back as `rest`, `partial` if it stops short. */
export function parseHttpHead(bytes: Uint8Array, options?: HeadParserOptions): HeadResult {
  return new HttpHeadParser(options).push(bytes);
}

/** The combined value of a field (lowercase or any case name), or undefined when absent. */
export function headerValue(head: HttpHead, name: string): string | undefined {
  return head.fields.get(name.toLowerCase());
}

/** How many field lines named `name` (any case) the head carries. */
export function headerCount(head: HttpHead, name: string): number {
  const lower = name.toLowerCase();
  let count = 0;
  for (const [n] of head.headers) if (n.toLowerCase() === lower) count++;
  return count;
}

/**
 * The elements of a comma-separated list (RFC 9110 §5.6.1), trimmed, empty elements dropped.
 * For token lists (Upgrade, Connection, Sec-WebSocket-Protocol): it does not honour quoted strings.
 */
export function listElements(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(',')) {
    const element = trimOws(part);
    if (element !== '') out.push(element);
  }
  return out;
}

/** True when `text` is a non-empty RFC 9110 §5.6.2 token. */
export function isToken(text: string): boolean {
  if (text === '') return false;
  for (let i = 0; i < text.length; i++) if (!isTcharCode(text.charCodeAt(i))) return false;
  return true;
}

/** Strips optional whitespace (SP and HTAB only, RFC 9110 §5.6.3) from both ends. */
export function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isOws(text.charCodeAt(start))) start++;
  while (end > start && isOws(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
//       / DIGIT / ALPHA  (RFC 9110 §5.6.2)
const TCHAR_PUNCTUATION = "!#$%&'*+-.^_`|~";

function isTcharCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c < 0x80 && TCHAR_PUNCTUATION.includes(String.fromCharCode(c)));
}

function isOws(c: number): boolean {
  return c === SP || c === HTAB;
}

function notHttpMessage(byte: number): string {
  const hex = `0x${byte.toString(16).padStart(2, '0')}`;
  const hint = byte === TLS_HANDSHAKE_RECORD ? ', a TLS handshake record: is the peer speaking wss://?' : '';
  return `not an HTTP message: it starts with byte ${hex}${hint}`;
}

/** An error or problem on line `n`, its message starting `line n:` so it reads on its own. */
function at(n: number, message: string): { line: number; message: string } {
  return { line: n, message: `line ${n}: ${message}` };
}

/** A line quoted for an error message: JSON-escaped so control characters show, and cut short. */
function quote(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x2000) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x2000) as unknown as number[]);
  }
  return text;
}

/** Splits the head into lines (without the final empty one), noting bare LF endings. */
function splitLines(text: string): { lines: string[]; bareLf: number[] } | HeadError {
  const lines: string[] = [];
  const bareLf: number[] = [];
  for (let start = 0; ; ) {
    const lf = text.indexOf('\n', start);
    if (lf < 0) return { line: null, message: 'no empty line ends the head' }; // unreachable: the scanner saw one
    const crlf = lf > start && text.charCodeAt(lf - 1) === CR;
    const line = text.slice(start, crlf ? lf - 1 : lf);
    const n = lines.length + 1;
    if (!crlf) bareLf.push(n);
    // RFC 9112 §2.2: a bare CR is invalid; we reject rather than guess where the line ends.
    if (line.includes('\r')) return at(n, `bare CR inside line ${quote(line)} (RFC 9112 §2.2)`);
    if (line === '') return n === 1 ? at(1, 'empty start line (RFC 9112 §2.2)') : { lines, bareLf };
    lines.push(line);
    start = lf + 1;
  }
}

function parseHead(bytes: Uint8Array, maxHeaders: number, expect: 'request' | 'response' | undefined): HttpHead | HeadError {
  const split = splitLines(latin1(bytes));
  if ('message' in split) return split;
  const { lines, bareLf } = split;
  const problems: HeadProblem[] = [];
  if (bareLf.length > 0) {
    problems.push(at(bareLf[0] as number, `${bareLf.length} line(s) end in a bare LF instead of CRLF, lines ${bareLf.join(', ')} (RFC 9112 §2.2)`));
  }
  const start = parseStartLine(lines[0] as string, expect, problems);
  if ('message' in start) return start;

  const headers: Array<[string, string]> = [];
  for (let n = 2; n <= lines.length; n++) {
    const line = lines[n - 1] as string;
    if (isOws(line.charCodeAt(0))) {
      const previous = headers[headers.length - 1];
      // RFC 9112 §2.2: whitespace before the first field line must not be taken as a field.
      if (previous === undefined) return at(n, `whitespace before the first header field: ${quote(line)} (RFC 9112 §2.2)`);
      // RFC 9112 §5.2: a recipient may replace obs-fold with SP; we do, and report it.
      problems.push(at(n, `obsolete line folding continues header ${previous[0]} (RFC 9112 §5.2)`));
      previous[1] = previous[1] === '' ? trimOws(line) : `${previous[1]} ${trimOws(line)}`;
      continue;
    }
    const field = parseFieldLine(line, n, problems);
    if ('message' in field) return field;
    if (headers.length === maxHeaders) return at(n, `more than ${maxHeaders} header fields`);
    headers.push(field);
  }

  const fields = new Map<string, string>();
  const setCookies: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'set-cookie') {
      setCookies.push(value);
      continue;
    }
    const seen = fields.get(lower);
    fields.set(lower, seen === undefined ? value : `${seen}, ${value}`);
  }
  return { start, headers, fields, setCookies, byteLength: bytes.length, problems };
}

const VERSION = /^HTTP\/[0-9]\.[0-9]$/;

function parseStartLine(line: string, expect: 'request' | 'response' | undefined, problems: HeadProblem[]): RequestLine | StatusLine | HeadError {
  const isStatusLine = line.startsWith('HTTP/');
  if (expect === 'request' && isStatusLine) return at(1, `expected a request line, got status line ${quote(line)}`);
  if (expect === 'response' && !isStatusLine) return at(1, `expected a status line, got ${quote(line)}`);
  return isStatusLine ? parseStatusLine(line, problems) : parseRequestLine(line);
}

function parseRequestLine(line: string): RequestLine | HeadError {
  const parts = line.split(' ');
  const [method = '', target = '', version = ''] = parts;
  const bad = (why: string): HeadError => at(1, `malformed request line ${quote(line)}: ${why} (RFC 9112 §3)`);
  if (parts.length !== 3) return bad('expected method SP target SP version');
  if (!isToken(method)) return bad('the method is not a token');
  if (target === '' || hasControl(target)) return bad('empty request target or control characters in it');
  if (!VERSION.test(version)) return bad(`${quote(version)} is not an HTTP version`);
  return { kind: 'request', method, target, version };
}

function parseStatusLine(line: string, problems: HeadProblem[]): StatusLine | HeadError {
  const bad = (why: string): HeadError => at(1, `malformed status line ${quote(line)}: ${why} (RFC 9112 §4)`);
  const space = line.indexOf(' ');
  const version = space < 0 ? line : line.slice(0, space);
  if (!VERSION.test(version)) return bad(`${quote(version)} is not an HTTP version`);
  const code = line.slice(space + 1, space + 4);
  if (space < 0 || !/^[0-9]{3}$/.test(code)) return bad('expected a 3-digit status code after the version');
  const after = line.slice(space + 4);
  if (after !== '' && !after.startsWith(' ')) return bad('the status code is longer than 3 digits');
  // RFC 9112 §4: the SP before an empty reason phrase is required, but some servers omit it.
  if (after === '') problems.push(at(1, 'no space after the status code (RFC 9112 §4)'));
  return { kind: 'response', version, status: Number(code), reason: after.slice(1) };
}

function parseFieldLine(line: string, n: number, problems: HeadProblem[]): [string, string] | HeadError {
  const colon = line.indexOf(':');
  if (colon < 0) return at(n, `header line without a colon: ${quote(line)} (RFC 9112 §5)`);
  const name = line.slice(0, colon);
  if (name === '') return at(n, `header line with an empty name: ${quote(line)} (RFC 9112 §5)`);
  // RFC 9112 §5.1: whitespace between name and colon must be rejected (request smuggling).
  if (isOws(name.charCodeAt(name.length - 1))) return at(n, `whitespace between the header name and the colon: ${quote(line)} (RFC 9112 §5.1)`);
  if (!isToken(name)) return at(n, `invalid character in header name ${quote(name)} (RFC 9110 §5.1)`);
  const value = trimOws(line.slice(colon + 1));
  // RFC 9110 §5.5: NUL and other controls are invalid in a value; kept verbatim so they show.
  if (hasControl(value)) problems.push(at(n, `control character in the value of ${name} (RFC 9110 §5.5)`));
  return [name, value];
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== HTAB) || c === 0x7f) return true;
  }
  return false;
}
