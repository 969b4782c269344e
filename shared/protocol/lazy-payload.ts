/**
 * The payload fields of frame and message events (`text` or `base64`), converted only when read.
 *
 * Events are plain JSON values (shared/model/events.ts): `JSON.stringify`, spreads, `Object.keys`
 * and test matchers must see what they saw when the text was assigned at once. So a lazy field is
 * an own, enumerable accessor in the same key position, whose getter converts the bytes the first
 * time and caches the string; spreading or stringifying an event reads it like any other field.
 * The bytes hang off the event in a private field (invisible to keys, spreads, JSON and structured
 * clone), which costs far less than a second, hidden property (measured: ~150 ns per lazy event,
 * about what decoding 64 B of mixed UTF-8 costs, and ~2.5 µs less than decoding 1 KiB).
 */
import { toBase64 } from './base64.js';
import { decodeUtf8, findInvalidUtf8, NATIVE_UTF8_MIN, nativeUtf8Validator } from './utf8.js';

/**
 * Payloads at least this long get lazy fields; shorter ones are converted at once, where the
 * conversion costs about what defining the accessor does (bench/README.md, proxy).
 */
export const LAZY_PAYLOAD_MIN = 256;

/** A base class whose constructor returns the object it is given, so a subclass can add a private field to it. */
class Returning {
  constructor(target: object) {
    return target as Returning;
  }
}

/** Marks a lazy field not read (nor assigned) yet. */
const UNSET = Symbol('unset');

/** The bytes behind a lazy field and, once read (or assigned), its value. */
class PayloadSlot extends Returning {
  #bytes: Uint8Array | null;
  #value: unknown = UNSET;

  private constructor(target: object, bytes: Uint8Array) {
    super(target);
    this.#bytes = bytes;
  }

  /** Adds the slot to `target` (a plain event object). */
  static attach(target: object, bytes: Uint8Array): void {
    new PayloadSlot(target, bytes);
  }

  /** The field's value: converted from the bytes on the first read, then cached (the bytes let go). */
  static read(target: object, convert: (bytes: Uint8Array) => string): unknown {
    if (!(#bytes in target)) {
      throw new TypeError('a lazy payload field was read on an object it was not defined on');
    }
    const slot = target as PayloadSlot;
    if (slot.#value === UNSET) {
      slot.#value = convert(slot.#bytes as Uint8Array);
      slot.#bytes = null;
    }
    return slot.#value;
  }

  /** An assignment replaces the value, as on a plain object. */
  static write(target: object, value: unknown): void {
    if (!(#bytes in target)) {
      throw new TypeError('a lazy payload field was written on an object it was not defined on');
    }
    const slot = target as PayloadSlot;
    slot.#value = value;
    slot.#bytes = null;
  }
}

// One getter and setter pair for every event: V8 keeps objects that share accessors on one map.
const TEXT: PropertyDescriptor = {
  get(this: object) {
    return PayloadSlot.read(this, validText);
  },
  set(this: object, value: unknown) {
    PayloadSlot.write(this, value);
  },
  enumerable: true,
  configurable: true,
};

const BASE64: PropertyDescriptor = {
  get(this: object) {
    return PayloadSlot.read(this, toBase64);
  },
  set(this: object, value: unknown) {
    PayloadSlot.write(this, value);
  },
  enumerable: true,
  configurable: true,
};

/**
 * Adds `text` (when `asText`: the caller established that the bytes are valid UTF-8) or `base64`
 * to `out`, in the next key position: lazily for payloads of LAZY_PAYLOAD_MIN bytes or more. The
 * bytes must not change afterwards (the decoder's payloads never do: docs/protocol.md).
 */
export function writePayload(out: Record<string, unknown>, bytes: Uint8Array, asText: boolean): void {
  if (bytes.length < LAZY_PAYLOAD_MIN) {
    if (asText) out.text = validText(bytes);
    else out.base64 = toBase64(bytes);
    return;
  }
  Object.defineProperty(out, asText ? 'text' : 'base64', asText ? TEXT : BASE64);
  PayloadSlot.attach(out, bytes);
}

// A one-frame message's payload is its frame's own bytes (the same array): the answers for the
// frame event are reused for the message event instead of validating or decoding twice.
let checked: Uint8Array | null = null;
let checkedValid = false;
let decoded: Uint8Array | null = null;
let decodedText = '';

/**
 * Whether `bytes` are valid UTF-8: the host's native validator (or the DFA), after an ASCII scan
 * for short payloads, where the scan costs less than the call (NATIVE_UTF8_MIN).
 */
export function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes === checked) return checkedValid;
  const length = bytes.length;
  const native = nativeUtf8Validator();
  let high = 0;
  if (native === null || length < NATIVE_UTF8_MIN) {
    for (let i = 0; i < length && high < 0x80; i++) high |= bytes[i] as number;
  } else {
    high = 0x80;
  }
  checkedValid = high < 0x80 || (native !== null ? native(bytes) : findInvalidUtf8(bytes) === -1);
  checked = bytes;
  return checkedValid;
}

/** The text of bytes known to be valid UTF-8. */
function validText(bytes: Uint8Array): string {
  if (bytes === decoded) return decodedText;
  decodedText = decodeUtf8(bytes);
  decoded = bytes;
  return decodedText;
}
