/**
 * The JSON facts the exporters reason with: a message's JSON value, the fields an ignore path
 * names in it, and which reply fields carry a request's volatile value (an id to copy into the
 * live reply, as `serve --replay --correlate` does).
 */
import type { IgnorePath, IgnoreStep } from '../../replay/ignore-paths.js';
import type { ConversationMessage } from '../conversation.js';

/** One step into a JSON value: an object key or an array index. */
export type FieldStep = string | number;
/** A concrete path from the root: `['items', 0, 'id']`. */
export type FieldPath = readonly FieldStep[];

/** A value found at a concrete path. */
export interface Field {
  readonly path: FieldPath;
  readonly value: unknown;
}

/** A reply field that gets the live request's value at `from`. */
export interface Copy {
  readonly to: FieldPath;
  readonly from: FieldPath;
}

/** The message's JSON value when it is a text message holding a JSON object or array, else undefined. */
export function jsonOf(message: ConversationMessage): unknown {
  if (message.text === undefined) return undefined;
  const text = message.text.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Every scalar (string, number, boolean, null) of a JSON value with its path, depth first. */
export function scalarFields(value: unknown, at: FieldPath = []): Field[] {
  if (value === null || typeof value !== 'object') return [{ path: at, value }];
  const entries: [FieldStep, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v] as [number, unknown])
    : Object.entries(value);
  return entries.flatMap(([step, child]) => scalarFields(child, [...at, step]));
}

/** The fields (whole subtrees) the ignore paths take out of a value, outermost first. */
export function ignoredFields(value: unknown, paths: readonly IgnorePath[], at: FieldPath = []): Field[] {
  if (at.length > 0 && paths.some((p) => matches(p.steps, 0, at, 0))) return [{ path: at, value }];
  if (value === null || typeof value !== 'object') return [];
  const entries: [FieldStep, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v] as [number, unknown])
    : Object.entries(value);
  return entries.flatMap(([step, child]) => ignoredFields(child, paths, [...at, step]));
}

/** Whether a concrete path is one an ignore path names (same rules as withoutPaths). */
function matches(steps: readonly IgnoreStep[], s: number, path: FieldPath, p: number): boolean {
  const step = steps[s];
  if (step === undefined) return p === path.length;
  if (p >= path.length) return false;
  const here = path[p] as FieldStep;
  switch (step.kind) {
    case 'key':
      return typeof here === 'string' && here === step.key && matches(steps, s + 1, path, p + 1);
    case 'index':
      return typeof here === 'number' && here === step.index && matches(steps, s + 1, path, p + 1);
    case 'any':
      return matches(steps, s + 1, path, p + 1);
    case 'descendant':
      return (
        (typeof here === 'string' && here === step.key && matches(steps, s + 1, path, p + 1)) ||
        matches(steps, s, path, p + 1)
      );
  }
}

/** The value at a concrete path, or undefined. */
export function readField(value: unknown, path: FieldPath): unknown {
  let at: unknown = value;
  for (const step of path) {
    if (at === null || typeof at !== 'object') return undefined;
    if (Array.isArray(at) !== (typeof step === 'number')) return undefined;
    if (!Object.hasOwn(at, step)) return undefined;
    at = (at as Record<string | number, unknown>)[step];
  }
  return at;
}

/**
 * Reply scalars that hold one of the request's volatile values: copied from the live request when
 * replayed. A value under the same key always counts (`id` → `id`); under another key only when it
 * is distinctive enough not to be a coincidence (a string of 4+ characters, a number ≥ 1000 or a
 * fraction), so a reply's `count: 1` does not become a copy of a request's `id: 1`.
 */
export function copiesInto(reply: unknown, volatile: readonly Field[]): Copy[] {
  const sources = volatile.filter((f) => typeof f.value === 'string' || typeof f.value === 'number');
  if (sources.length === 0) return [];
  const copies: Copy[] = [];
  for (const field of scalarFields(reply)) {
    const same = sources.filter((s) => s.value === field.value);
    const sameKey = same.find((s) => s.path.at(-1) === field.path.at(-1));
    const chosen = sameKey ?? (distinctive(field.value) ? same[0] : undefined);
    if (chosen !== undefined) copies.push({ to: field.path, from: chosen.path });
  }
  return copies;
}

function distinctive(value: unknown): boolean {
  if (typeof value === 'string') return value.length >= 4;
  return typeof value === 'number' && (Math.abs(value) >= 1000 || !Number.isInteger(value));
}

/** A field name that says "correlation id": `id`, `requestId`, `msg_id`, `seq`, `nonce`, `ref`. */
export function isIdName(step: FieldStep | undefined): boolean {
  return typeof step === 'string' && (/id$/i.test(step) || /^(seq|nonce|ref|correlation)$/i.test(step));
}

/** A concrete path as a JSON path (`$.items[0]['a b']`), the syntax mock files and --ignore read. */
export function pathText(path: FieldPath): string {
  return `$${path
    .map((step) =>
      typeof step === 'number'
        ? `[${step}]`
        : /^[A-Za-z_$][\w$-]*$/.test(step)
          ? `.${step}`
          : `['${step.replace(/[\\']/g, (c) => `\\${c}`)}']`,
    )
    .join('')}`;
}

/** Deep JSON equality, key order aside. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
