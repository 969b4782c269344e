/**
 * The JSON path subset mock files use: `$`, `.key`, `['key']` / `["key"]`, `[index]`. Enough to
 * reach any value in a message without a query language; filters and wildcards are out on purpose
 * (a rule matches one value).
 */
import type { JsonPath } from './definition.js';

const KEY = /^\.([A-Za-z_$][\w$-]*)/;
const INDEX = /^\[(\d+)\]/;
const QUOTED = /^\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/;

/** Parses `$.a['b'][0]`, or says where it stops making sense. */
export function parseJsonPath(source: string): JsonPath | { readonly error: string } {
  const text = source.trim();
  if (!text.startsWith('$'))
    return { error: `JSON path '${source}' must start with $ (e.g. $.type or $.items[0].id)` };
  const steps: (string | number)[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    const key = KEY.exec(rest);
    const index = key ? null : INDEX.exec(rest);
    const quoted = key || index ? null : QUOTED.exec(rest);
    const found = key ?? index ?? quoted;
    if (!found) {
      return {
        error: `JSON path '${source}': cannot read '${rest}' (use .key, ['key'] or [index]; filters and wildcards are not supported)`,
      };
    }
    if (key) steps.push(key[1] as string);
    else if (index) steps.push(Number(index[1]));
    else steps.push(unescapeQuoted((quoted?.[1] ?? quoted?.[2]) as string));
    rest = rest.slice(found[0].length);
  }
  return { source: text, steps };
}

/** The value at `path` in `root`, or undefined when the path leads nowhere. */
export function readJsonPath(root: unknown, path: JsonPath): unknown {
  let value: unknown = root;
  for (const step of path.steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(value) || step >= value.length) return undefined;
      value = value[step];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, step))
        return undefined;
      value = (value as Record<string, unknown>)[step];
    }
  }
  return value;
}

function unescapeQuoted(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
