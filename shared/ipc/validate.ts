/**
 * Tiny structural checks for command input: every IPC handler validates what the renderer sent
 * before the engine sees it (the renderer is treated as untrusted). A check returns null when the
 * value fits, else the path and what was wrong ("frames[2].opcode: expected an integer 0..15").
 */

/** Checks a value; null when it fits, else a message naming the path. */
export type Check = (value: unknown, path: string) => string | null;

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

/** A string, at most `max` characters (default 1 MiB). */
export const str =
  (max = 1 << 20): Check =>
  (v, p) =>
    typeof v !== 'string'
      ? `${p}: expected a string, got ${describe(v)}`
      : v.length > max
        ? `${p}: longer than ${max} characters`
        : null;

/** An integer in [min, max]. */
export const int =
  (min: number, max: number): Check =>
  (v, p) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? null
      : `${p}: expected an integer ${min}..${max}`;

/** A boolean. */
export const bool: Check = (v, p) => (typeof v === 'boolean' ? null : `${p}: expected true or false`);

/** One of the given literals. */
export const oneOf =
  (...values: readonly (string | number | boolean)[]): Check =>
  (v, p) =>
    values.includes(v as string)
      ? null
      : `${p}: expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;

/** Either check. */
export const either =
  (...checks: readonly Check[]): Check =>
  (v, p) => {
    const errors = checks.map((c) => c(v, p));
    return errors.includes(null) ? null : errors[0]!;
  };

/** An array of at most `max` items, each fitting `item`. */
export const list =
  (item: Check, max = 10_000): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return `${p}: expected an array, got ${describe(v)}`;
    if (v.length > max) return `${p}: more than ${max} items`;
    for (let i = 0; i < v.length; i++) {
      const e = item(v[i], `${p}[${i}]`);
      if (e !== null) return e;
    }
    return null;
  };

/** A fixed-length tuple. */
export const tuple =
  (...items: readonly Check[]): Check =>
  (v, p) => {
    if (!Array.isArray(v) || v.length !== items.length) return `${p}: expected ${items.length} items`;
    for (let i = 0; i < items.length; i++) {
      const e = items[i]!(v[i], `${p}[${i}]`);
      if (e !== null) return e;
    }
    return null;
  };

/** Field checks of an object; a key ending in `?` is optional (absent or undefined). */
export type Shape = Readonly<Record<string, Check>>;

/** A plain object with exactly these fields (unknown fields are refused: a typo is not ignored). */
export const obj =
  (shape: Shape): Check =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return `${p}: expected an object, got ${describe(v)}`;
    const record = v as Record<string, unknown>;
    const known = new Set(Object.keys(shape).map((k) => k.replace(/\?$/, '')));
    for (const key of Object.keys(record)) if (!known.has(key)) return `${p}.${key}: unknown field`;
    for (const [spec, check] of Object.entries(shape)) {
      const optional = spec.endsWith('?');
      const key = optional ? spec.slice(0, -1) : spec;
      const value = record[key];
      if (value === undefined) {
        if (optional) continue;
        return `${p}.${key}: missing`;
      }
      const e = check(value, `${p}.${key}`);
      if (e !== null) return e;
    }
    return null;
  };

/** Anything JSON (for JSON message values); bounded by the transport's own size limit. */
export const any: Check = () => null;
