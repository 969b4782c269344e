/**
 * Checked reads of foreign JSON (HAR files, mitmproxy flows, attachments): every failure names the
 * field by its path, e.g. `entries[3]._webSocketMessages[7].opcode: expected 1 or 2, got "x"`, so
 * a user can find it in the file.
 */

/** A JSON object as parsed. */
export type JsonObject = Record<string, unknown>;

/** A file wstap imports is not what it should be; the message starts with the field's path. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Throws an ImportError for the field at `path`. */
export function fail(path: string, expected: string, got: unknown): never {
  throw new ImportError(`${path}: expected ${expected}, got ${show(got)}`);
}

/** A value as an error message shows it: JSON, cut short. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= 60 ? text : `${text.slice(0, 57)}…`;
}

/** `value` when it is a JSON object (not null, not an array). */
export function asObject(value: unknown, path: string): JsonObject {
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  ) {
    return value as JsonObject;
  }
  return fail(path, 'an object', value);
}

/** `value` when it is an array. */
export function asArray(value: unknown, path: string): readonly unknown[] {
  return Array.isArray(value) ? value : fail(path, 'an array', value);
}

/** `value` when it is a string. */
export function asString(value: unknown, path: string): string {
  return typeof value === 'string' ? value : fail(path, 'a string', value);
}

/** `value` when it is a finite number. */
export function asNumber(value: unknown, path: string): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fail(path, 'a number', value);
}

/** `value` when it is a boolean. */
export function asBoolean(value: unknown, path: string): boolean {
  return typeof value === 'boolean' ? value : fail(path, 'true or false', value);
}

/** The fields of `object` other than `known`: what a model has no place for and keeps as is. */
export function otherFields(object: JsonObject, known: readonly string[]): JsonObject | undefined {
  const rest: JsonObject = {};
  let any = false;
  for (const [key, value] of Object.entries(object)) {
    if (known.includes(key)) continue;
    rest[key] = value;
    any = true;
  }
  return any ? rest : undefined;
}
