/**
 * Decoded values made JSON for the bridge: bytes as `{"$bytes": base64}`, 64-bit integers
 * (bigint) as strings, Maps as objects, Dates as ISO text, MessagePack extensions as
 * `{"$ext": type, "$bytes": …}`; cycles and depth past MAX_DEPTH are cut with a marker. Plus the
 * JSON and MessagePack decoders, which need nothing but this.
 */
import { decode as decodeMsgpack, ExtData } from '@msgpack/msgpack';
import { ConsoleError } from './console-error.js';

/** Nesting kept; deeper values become "[too deep]". */
export const MAX_DEPTH = 200;

const base64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** A value any decoder produced, as plain JSON. */
export function jsonSafe(value: unknown, depth = 0, seen: Set<object> = new Set()): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return String(value);
  }
  if (depth >= MAX_DEPTH) return '[too deep]';
  const object = value as object;
  if (seen.has(object)) return '[circular]';
  if (object instanceof Uint8Array) return { $bytes: base64(object) };
  if (object instanceof ArrayBuffer) return { $bytes: base64(new Uint8Array(object)) };
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof ExtData)
    return {
      $ext: object.type,
      $bytes: base64(object.data instanceof Uint8Array ? object.data : new Uint8Array()),
    };
  seen.add(object);
  try {
    if (Array.isArray(object)) return object.map((item) => jsonSafe(item, depth + 1, seen));
    if (object instanceof Map) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of object)
        out[typeof k === 'string' ? k : JSON.stringify(jsonSafe(k, depth + 1, seen))] = jsonSafe(
          v,
          depth + 1,
          seen,
        );
      return out;
    }
    if (object instanceof Set) return [...object].map((item) => jsonSafe(item, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(object)) out[k] = jsonSafe(v, depth + 1, seen);
    return out;
  } finally {
    seen.delete(object);
  }
}

/** A payload as JSON text (UTF-8). */
export function decodeJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ConsoleError('DECODER_FAILED', 'JSON: the payload is not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConsoleError('DECODER_FAILED', `JSON: ${(error as Error).message}`);
  }
}

/** A payload as one MessagePack value (int64 beyond 2^53 kept exact, as text). */
export function decodeMessagePack(bytes: Uint8Array): unknown {
  try {
    return jsonSafe(decodeMsgpack(bytes, { useBigInt64: true }));
  } catch (error) {
    throw new ConsoleError('DECODER_FAILED', `MessagePack: ${(error as Error).message}`);
  }
}
