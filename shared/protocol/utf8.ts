/**
 * Streaming UTF-8 validation with Bjoern Hoehrmann's DFA (http://bjoern.hoehrmann.de/utf-8/decoder/dfa/):
 * state survives across fragments, and the byte that makes the input invalid is reported, so a
 * text message split inside a code point validates, and a bad one fails at its first bad byte
 * (RFC 6455 §8.1). Rejects overlongs, surrogates and code points above U+10FFFF (RFC 3629 §4).
 */

/**
 * From this many bytes a host's native validator (Node's isUtf8: ~35 ns whatever the length up to
 * 512 B) beats the JS ASCII loop (~1 ns per byte): measured on Node 20, the crossover is 32-48 B.
 */
export const NATIVE_UTF8_MIN = 64;

const ACCEPT = 0;
const REJECT = 12;

/** Byte → character class. */
const CLASS = new Uint8Array(256);
CLASS.fill(1, 0x80, 0x90);
CLASS.fill(9, 0x90, 0xa0);
CLASS.fill(7, 0xa0, 0xc0);
CLASS.fill(8, 0xc0, 0xc2);
CLASS.fill(2, 0xc2, 0xe0);
CLASS[0xe0] = 10;
CLASS.fill(3, 0xe1, 0xed);
CLASS[0xed] = 4;
CLASS.fill(3, 0xee, 0xf0);
CLASS[0xf0] = 11;
CLASS.fill(6, 0xf1, 0xf4);
CLASS[0xf4] = 5;
CLASS.fill(8, 0xf5, 0x100);

/** (state + class) → next state; states are multiples of 12. */
const TRANSITION = Uint8Array.from([
  0, 12, 24, 36, 60, 96, 84, 12, 12, 12, 48, 72, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 0, 12,
  12, 12, 12, 12, 0, 12, 0, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 24, 12, 12, 12, 12, 12, 12, 12, 12,
  12, 24, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 12, 12, 12, 12, 36, 12,
  36, 12, 12, 12, 36, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12, 12, 36, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
]);

/** Validates UTF-8 incrementally; feed slices with `push`, then ask `complete`. */
export class Utf8Validator {
  private state = ACCEPT;

  /** Validates `bytes[start, end)`; returns the index of the first invalid byte, or -1. */
  push(bytes: Uint8Array, start = 0, end = bytes.length): number {
    let state = this.state;
    if (state === REJECT) return start;
    let i = start;
    while (i < end) {
      if (state === ACCEPT) {
        // ASCII fast path: most protocol text is ASCII.
        while (i < end && (bytes[i] as number) < 0x80) i++;
        if (i === end) break;
      }
      state = TRANSITION[state + (CLASS[bytes[i] as number] as number)] as number;
      if (state === REJECT) {
        this.state = REJECT;
        return i;
      }
      i++;
    }
    this.state = state;
    return -1;
  }

  /** True when everything fed so far ends on a code point boundary and nothing was invalid. */
  get complete(): boolean {
    return this.state === ACCEPT;
  }

  /** True once an invalid byte was seen. */
  get failed(): boolean {
    return this.state === REJECT;
  }

  /** Starts over for a new message. */
  reset(): void {
    this.state = ACCEPT;
  }
}

/**
 * Index of the first byte at which `bytes` stops being valid UTF-8: the offending byte, or
 * `bytes.length` when it ends inside a multi-byte sequence; -1 when valid.
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const validator = new Utf8Validator();
  const at = validator.push(bytes);
  if (at >= 0) return at;
  return validator.complete ? -1 : bytes.length;
}

/** Whether `bytes` is entirely valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return findInvalidUtf8(bytes) === -1;
}

const lenient = new TextDecoder('utf-8', { fatal: false });

/** A native whole-buffer validator the host provides (Node: `buffer.isUtf8`), ~20× the DFA's speed. */
let nativeIsUtf8: ((bytes: Uint8Array) => boolean) | null = null;

/** Lets utf8TextOrNull validate with the host's native validator (shared/ cannot import Node's). */
export function useNativeUtf8Validator(isUtf8: (bytes: Uint8Array) => boolean): void {
  nativeIsUtf8 = isUtf8;
}

/** The native validator the host provided, or null. */
export function nativeUtf8Validator(): ((bytes: Uint8Array) => boolean) | null {
  return nativeIsUtf8;
}

/** Decodes UTF-8 for display, showing invalid sequences as U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  return lenient.decode(bytes);
}

/**
 * The text of `bytes` when they are valid UTF-8, else null. ASCII (most protocol text) needs no
 * validation, so a cheap scan picks it out before the lenient native decoder runs; anything else
 * goes through the DFA first. (A `fatal` TextDecoder would do both in one call, but Node 20 routes
 * it through ICU, several times slower; String.fromCharCode is 5× slower than the decoder.)
 */
export function utf8TextOrNull(bytes: Uint8Array): string | null {
  const length = bytes.length;
  let high = 0;
  for (let i = 0; i < length && high < 0x80; i++) high |= bytes[i] as number;
  if (high < 0x80) return lenient.decode(bytes);
  const valid = nativeIsUtf8 !== null ? nativeIsUtf8(bytes) : findInvalidUtf8(bytes) === -1;
  return valid ? lenient.decode(bytes) : null;
}
