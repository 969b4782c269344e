/**
 * What differs between an expected and a received message, field by field for JSON (so a diff
 * says `$.user.name: "ann" → "ANN"`, not two long lines), or where two texts part ways.
 */
import type { ConversationMessage } from '../interchange/conversation.js';
import { withoutPaths, type IgnorePath } from './ignore-paths.js';
import { parseJson } from './message-matcher.js';

/** One difference: where, and the two values as short JSON (undefined: absent on that side). */
export interface FieldDifference {
  /** `$.a.b[2]`, or `$` for the whole message. */
  readonly path: string;
  readonly expected?: string;
  readonly actual?: string;
}

type Payload = Pick<ConversationMessage, 'opcode' | 'text' | 'base64'>;

const MAX_DIFFERENCES = 20;
const MAX_VALUE = 120;

/** The differences between two messages (at most 20), ignoring the ignored paths; [] when equal. */
export function diffMessages(
  expected: Payload,
  actual: Payload,
  ignore: readonly IgnorePath[] = [],
): FieldDifference[] {
  if (expected.opcode !== actual.opcode) {
    return [{ path: '$', expected: `${expected.opcode} message`, actual: `${actual.opcode} message` }];
  }
  const a = expected.text === undefined ? undefined : parseJson(expected.text);
  const b = actual.text === undefined ? undefined : parseJson(actual.text);
  if (a !== undefined && b !== undefined) {
    const out: FieldDifference[] = [];
    walk(withoutPaths(a, ignore), withoutPaths(b, ignore), '$', out);
    return out;
  }
  const left = expected.text ?? expected.base64 ?? '';
  const right = actual.text ?? actual.base64 ?? '';
  if (left === right && (expected.text === undefined) === (actual.text === undefined)) return [];
  return [textDifference(left, right, expected.text === undefined)];
}

function walk(a: unknown, b: unknown, path: string, out: FieldDifference[]): void {
  if (out.length >= MAX_DIFFERENCES) return;
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const child = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (!Object.hasOwn(b, key)) out.push({ path: child, expected: short(a[key]) });
      else if (!Object.hasOwn(a, key)) out.push({ path: child, actual: short(b[key]) });
      else walk(a[key], b[key], child, out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) {
      if (i >= b.length) out.push({ path: `${path}[${i}]`, expected: short(a[i]) });
      else if (i >= a.length) out.push({ path: `${path}[${i}]`, actual: short(b[i]) });
      else walk(a[i], b[i], `${path}[${i}]`, out);
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, expected: short(a), actual: short(b) });
}

function textDifference(left: string, right: string, binary: boolean): FieldDifference {
  let at = 0;
  while (at < left.length && at < right.length && left[at] === right[at]) at++;
  const from = Math.max(0, at - 20);
  const cut = (s: string): string => (from > 0 ? '…' : '') + clip(s.slice(from));
  const where = binary ? `$ (base64, from character ${at})` : `$ (from character ${at})`;
  return { path: where, expected: JSON.stringify(cut(left)), actual: JSON.stringify(cut(right)) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function short(value: unknown): string {
  return clip(JSON.stringify(value) ?? 'undefined');
}

function clip(text: string): string {
  return text.length <= MAX_VALUE ? text : `${text.slice(0, MAX_VALUE - 1)}…`;
}
