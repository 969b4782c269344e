/**
 * Typed netstrings (tnetstrings.info), the encoding of mitmproxy's flow files (`mitmdump -w`): a
 * value is `<length>:<data><tag>`, the tag saying what the data is — `,` bytes, `;` text (a
 * mitmproxy addition), `#` integer, `^` float, `!` boolean, `~` null, `]` list, `}` dictionary
 * (key, value, key, value...). A flow file is such values one after the other. Bytes in, no I/O.
 */
import { ImportError } from '../json-fields.js';

/** A decoded value; `,` bytes stay bytes (mitmproxy stores contents and headers that way). */
export type TnetValue = null | boolean | number | string | Uint8Array | TnetValue[] | TnetDict;

/** A dictionary; keys are decoded as UTF-8 text whatever their tag. */
export interface TnetDict {
  readonly [key: string]: TnetValue;
}

const COLON = 0x3a;
/** mitmproxy's reader refuses longer length prefixes too. */
const MAX_DIGITS = 12;
/** Flows nest a handful of levels; far deeper is a corrupt or hostile file. */
const MAX_DEPTH = 100;

const utf8 = new TextDecoder('utf-8');

/** Every top-level value of `bytes` in order, with the offset where it starts; throws ImportError naming the byte. */
export function* parseTnetstrings(
  bytes: Uint8Array,
): Generator<{ readonly value: TnetValue; readonly offset: number }> {
  let offset = 0;
  while (offset < bytes.length) {
    const start = offset;
    const [value, end] = parseAt(bytes, offset, bytes.length, 0);
    offset = end;
    yield { value, offset: start };
  }
}

/** The value that starts at `offset` (and must end by `limit`), and the offset after it. */
function parseAt(bytes: Uint8Array, offset: number, limit: number, depth: number): [TnetValue, number] {
  if (depth > MAX_DEPTH) throw bad(offset, `values nested more than ${MAX_DEPTH} deep`);
  let length = 0;
  let i = offset;
  for (; i < limit && bytes[i] !== COLON; i++) {
    const digit = (bytes[i] as number) - 0x30;
    if (digit < 0 || digit > 9 || i - offset >= MAX_DIGITS)
      throw bad(offset, 'not a tnetstring: expected a length (digits, then ":")');
    length = length * 10 + digit;
  }
  if (i === offset || i >= limit) throw bad(offset, 'not a tnetstring: expected a length (digits, then ":")');
  const dataStart = i + 1;
  const dataEnd = dataStart + length;
  if (dataEnd >= limit)
    throw bad(
      offset,
      `a value of ${length} bytes runs past the end${limit === bytes.length ? ' of the file (cut short?)' : ' of the value around it'}`,
    );
  const tag = String.fromCharCode(bytes[dataEnd] as number);
  const data = bytes.subarray(dataStart, dataEnd);
  return [decode(tag, data, bytes, dataStart, depth), dataEnd + 1];
}

function decode(
  tag: string,
  data: Uint8Array,
  bytes: Uint8Array,
  dataStart: number,
  depth: number,
): TnetValue {
  switch (tag) {
    case ',':
      return data.slice();
    case ';':
      return utf8.decode(data);
    case '#':
    case '^': {
      const text = utf8.decode(data);
      const number = Number(text);
      const pattern = tag === '#' ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
      if (!pattern.test(text) || !Number.isFinite(number))
        throw bad(dataStart, `"${text}" is not ${tag === '#' ? 'an integer' : 'a float'}`);
      return number;
    }
    case '!': {
      const text = utf8.decode(data);
      if (text !== 'true' && text !== 'false') throw bad(dataStart, `"${text}" is not a boolean`);
      return text === 'true';
    }
    case '~':
      if (data.length !== 0) throw bad(dataStart, 'a null with data');
      return null;
    case ']': {
      const list: TnetValue[] = [];
      const end = dataStart + data.length;
      for (let at = dataStart; at < end;) {
        const [value, next] = parseAt(bytes, at, end, depth + 1);
        list.push(value);
        at = next;
      }
      return list;
    }
    case '}': {
      // No prototype: a key "__proto__" in a file is a key like any other.
      const dict = Object.create(null) as Record<string, TnetValue>;
      const end = dataStart + data.length;
      for (let at = dataStart; at < end;) {
        const [key, afterKey] = parseAt(bytes, at, end, depth + 1);
        if (typeof key !== 'string' && !(key instanceof Uint8Array))
          throw bad(at, 'a dictionary key that is not text');
        if (afterKey >= end) throw bad(at, 'a dictionary key without a value');
        const [value, next] = parseAt(bytes, afterKey, end, depth + 1);
        dict[typeof key === 'string' ? key : utf8.decode(key)] = value;
        at = next;
      }
      return dict;
    }
    default:
      throw bad(dataStart + data.length, `unknown type tag "${tag}"`);
  }
}

function bad(offset: number, message: string): ImportError {
  return new ImportError(`byte ${offset}: ${message}`);
}
