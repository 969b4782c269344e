/**
 * Strict JSON syntax errors with positions. A .json mock is then read by the YAML parser (JSON is
 * YAML), but YAML accepts what JSON does not — trailing commas, comments, single quotes, bare
 * words — so a .json file is first checked as JSON, and its author learns what JSON wants.
 *
 * Hand-written because neither fits: Node 20's JSON.parse gives no position for its most common
 * error ("Unexpected token '}', ... is not valid JSON"), and jsonc-parser's CommonJS build is a
 * UMD wrapper the CLI bundle cannot follow. This only finds the first error; it builds no value.
 */

/** The first syntax error of `text` as JSON (offset into the text), or null when it is JSON. */
export function jsonSyntaxError(text: string): { readonly offset: number; readonly message: string } | null {
  try {
    const scanner = new Scanner(text);
    if (text.charCodeAt(0) === 0xfeff) scanner.at = 1;
    scanner.space();
    if (scanner.at >= text.length) throw new Failure(0, 'the file is empty: a mock is an object with routes');
    scanner.value();
    scanner.space();
    if (scanner.at < text.length)
      throw new Failure(scanner.at, 'unexpected text after the end of the JSON value');
    return null;
  } catch (error) {
    if (error instanceof Failure) return { offset: error.offset, message: error.message };
    throw error;
  }
}

class Failure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER_LIKE = /-?[0-9][0-9A-Za-z.+-]*|-/y;
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
const WORD = /[A-Za-z_$][\w$]*/y;

class Scanner {
  at = 0;

  constructor(private readonly text: string) {}

  value(): void {
    const c = this.text[this.at];
    if (c === '{') return this.container('}', true);
    if (c === '[') return this.container(']', false);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (c === "'") throw new Failure(this.at, 'JSON strings use double quotes');
    if (c === undefined) throw new Failure(this.at, 'expected a value, but the file ends');
    const start = this.at;
    const word = this.match(WORD);
    if (word === 'true' || word === 'false' || word === 'null') return;
    const shown = word ?? c;
    throw new Failure(
      start,
      `'${shown}' is not JSON (strings need double quotes; values are true, false, null, numbers, "strings", [lists] and {objects})`,
    );
  }

  /** An object or a list: items separated by commas, no trailing comma. */
  private container(close: '}' | ']', object: boolean): void {
    const kind = object ? 'object' : 'list';
    this.at++;
    this.space();
    if (this.text[this.at] === close) return void this.at++;
    while (true) {
      this.space();
      if (this.text[this.at] === close)
        throw new Failure(this.at, `trailing comma before '${close}': JSON allows none`);
      if (object) this.key();
      this.value();
      this.space();
      const c = this.text[this.at];
      if (c === ',') this.at++;
      else if (c === close) return void this.at++;
      else if (c === undefined) throw new Failure(this.at, `expected '${close}' to close the ${kind}`);
      else throw new Failure(this.at, "expected ',' between items");
    }
  }

  private key(): void {
    const c = this.text[this.at];
    if (c === "'") throw new Failure(this.at, 'JSON strings use double quotes');
    if (c !== '"') throw new Failure(this.at, 'expected a property name in double quotes');
    this.string();
    this.space();
    if (this.text[this.at] !== ':') throw new Failure(this.at, "expected ':' after the property name");
    this.at++;
    this.space();
  }

  private string(): void {
    const start = this.at++;
    while (this.at < this.text.length) {
      const c = this.text.charCodeAt(this.at);
      if (c === 0x22) return void this.at++;
      if (c < 0x20)
        throw new Failure(
          this.at,
          'a control character inside a string (write it as an escape, e.g. \\n or \\t)',
        );
      if (c === 0x5c) {
        const escape = this.text.slice(this.at + 1, this.at + 6);
        if (/^["\\/bfnrt]/.test(escape)) this.at += 2;
        else if (/^u[0-9A-Fa-f]{4}/.test(escape)) this.at += 6;
        else
          throw new Failure(
            this.at,
            'invalid escape in a string (JSON has \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
          );
      } else {
        this.at++;
      }
    }
    throw new Failure(start, 'the string is never closed with "');
  }

  private number(): void {
    const start = this.at;
    const token = this.match(NUMBER_LIKE) ?? '';
    if (!NUMBER.test(token)) throw new Failure(start, `'${token}' is not a JSON number`);
  }

  /** Skips whitespace; comments are an error (JSON has none). */
  space(): void {
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.at++;
      else if (
        c === '#' ||
        (c === '/' && (this.text[this.at + 1] === '/' || this.text[this.at + 1] === '*'))
      ) {
        throw new Failure(this.at, 'JSON has no comments (write the mock in YAML to keep comments)');
      } else return;
    }
  }

  private match(pattern: RegExp): string | null {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text);
    if (found === null) return null;
    this.at += found[0].length;
    return found[0];
  }
}
