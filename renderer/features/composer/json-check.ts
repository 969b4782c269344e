/**
 * JSON validation with the position of the first error. Engines word JSON.parse errors
 * differently and V8 often leaves the position out ("Unexpected token '}', ... is not valid
 * JSON"), so a small scanner (RFC 8259 grammar, no values built) finds where and why.
 */

/** Where in a text: 0-based offset, 1-based line and column. */
export interface TextPosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A JSON check: fine, or what is wrong and where. */
export type JsonCheck =
  { readonly ok: true } | { readonly ok: false; readonly error: string; readonly position: TextPosition };

/** Line and column (1-based) of `offset` in `text`. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

class JsonSyntaxError {
  constructor(
    readonly at: number,
    readonly message: string,
  ) {}
}

/** Recursive-descent scanner; throws JsonSyntaxError at the first problem. */
class Scanner {
  private at = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  run(): void {
    this.space();
    if (this.at >= this.s.length)
      this.fail(this.s.trim() === '' ? 'empty input: expected a JSON value' : 'expected a value');
    this.value();
    this.space();
    if (this.at < this.s.length) this.fail(`unexpected ${this.show()} after the JSON value`);
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(this.at, message);
  }

  private show(): string {
    if (this.at >= this.s.length) return 'end of input';
    return JSON.stringify(this.s[this.at]);
  }

  private space(): void {
    while (this.at < this.s.length) {
      const c = this.s.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.at++;
    }
  }

  private value(): void {
    const c = this.s[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.at)) {
        this.at += word.length;
        return;
      }
    }
    this.fail(`unexpected ${this.show()}: expected a value`);
  }

  private nest(): void {
    // Deep nesting is legal JSON but would overflow the stack here; JSON.parse decided already.
    if (++this.depth > 5000) this.fail('nested too deeply to check');
  }

  private object(): void {
    this.nest();
    this.at++;
    this.space();
    if (this.s[this.at] === '}') {
      this.at++;
      this.depth--;
      return;
    }
    while (true) {
      this.space();
      if (this.s[this.at] !== '"')
        this.fail(`unexpected ${this.show()}: expected a double-quoted property name`);
      this.string();
      this.space();
      if (this.s[this.at] !== ':')
        this.fail(`unexpected ${this.show()}: expected ':' after the property name`);
      this.at++;
      this.space();
      this.value();
      this.space();
      const c = this.s[this.at];
      if (c === '}') break;
      if (c !== ',') this.fail(`unexpected ${this.show()}: expected ',' or '}' after a property value`);
      this.at++;
      this.space();
      if (this.s[this.at] === '}') this.fail("trailing comma: expected a property name after ','");
    }
    this.at++;
    this.depth--;
  }

  private array(): void {
    this.nest();
    this.at++;
    this.space();
    if (this.s[this.at] === ']') {
      this.at++;
      this.depth--;
      return;
    }
    while (true) {
      this.space();
      this.value();
      this.space();
      const c = this.s[this.at];
      if (c === ']') break;
      if (c !== ',') this.fail(`unexpected ${this.show()}: expected ',' or ']' after an array element`);
      this.at++;
      this.space();
      if (this.s[this.at] === ']') this.fail("trailing comma: expected a value after ','");
    }
    this.at++;
    this.depth--;
  }

  private string(): void {
    this.at++;
    while (true) {
      if (this.at >= this.s.length) this.fail('unterminated string');
      const c = this.s.charCodeAt(this.at);
      if (c === 0x22) {
        this.at++;
        return;
      }
      if (c < 0x20) this.fail('control character in a string (escape it, e.g. \\n)');
      if (c === 0x5c) {
        const e = this.s[this.at + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.at + 2, this.at + 6)))
            this.fail('bad \\u escape: expected 4 hex digits');
          this.at += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          this.fail(`bad escape \\${e ?? ''}`);
        }
        this.at += 2;
        continue;
      }
      this.at++;
    }
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.at, this.at + 400));
    if (match === null || match[0] === '-') this.fail('bad number');
    this.at += match[0].length;
    const next = this.s[this.at];
    if (next !== undefined && /[0-9.eE]/.test(next)) this.fail('bad number');
  }
}

/** Checks `text` is JSON; on failure says what is wrong and where. */
export function checkJson(text: string): JsonCheck {
  try {
    JSON.parse(text);
    return { ok: true };
  } catch (parseError) {
    try {
      new Scanner(text).run();
    } catch (error) {
      if (error instanceof JsonSyntaxError)
        return { ok: false, error: error.message, position: positionAt(text, error.at) };
      throw error;
    }
    // The scanner found nothing JSON.parse did (should not happen): report the engine's words.
    return { ok: false, error: (parseError as Error).message, position: positionAt(text, text.length) };
  }
}

/** The text re-indented (2 spaces), or null when it is not JSON. */
export function formatJson(text: string, indent = 2): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, indent);
  } catch {
    return null;
  }
}
