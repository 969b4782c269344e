/**
 * A script's matcher (types/script.d.ts `Matcher`) compiled once into a test and a description
 * for failure messages. A malformed matcher (a bad JSON path, an empty object) fails at the
 * expect call that gave it, before anything is awaited.
 */
import type { Matcher, Message } from '../../../../types/script.js';
import { parseJsonPath, readJsonPath } from '../../mock/json-path.js';
import { preview } from './failures.js';

export interface CompiledMatcher {
  readonly test: (message: Message) => boolean;
  /** e.g. `text "pong"`, `$.type = "joined"`, `/^hi/`. */
  readonly describe: string;
  /** What a message that did not match has instead (JSON path matchers: the value at the path). */
  readonly explain?: (message: Message) => string;
}

/** Compiles a matcher; returns an error message for one that cannot work. */
export function compileMatcher(matcher: Matcher): CompiledMatcher | { readonly error: string } {
  if (typeof matcher === 'string')
    return { test: (m) => m.text === matcher, describe: `text ${preview(matcher)}` };
  if (matcher instanceof RegExp) {
    // A global or sticky regex keeps lastIndex between tests: a copy without those flags does not.
    const re = new RegExp(matcher.source, matcher.flags.replace(/[gy]/g, ''));
    return { test: (m) => re.test(m.text), describe: `text matching ${String(matcher)}` };
  }
  if (typeof matcher === 'function')
    return { test: (m) => matcher(m) === true, describe: `a message for which ${preview(matcher)} is true` };
  if (matcher !== null && typeof matcher === 'object') {
    if ('json' in matcher) {
      const wanted = matcher.json;
      return { test: (m) => contains(parsed(m), wanted), describe: `JSON containing ${preview(wanted)}` };
    }
    if ('path' in matcher && typeof matcher.path === 'string') return pathMatcher(matcher);
  }
  return {
    error: `expect(${preview(matcher)}): a matcher is a string, a RegExp, a function, { path, equals | exists | matches } or { json }`,
  };
}

function pathMatcher(matcher: {
  readonly path: string;
  readonly equals?: unknown;
  readonly exists?: boolean;
  readonly matches?: RegExp;
}): CompiledMatcher | { readonly error: string } {
  const path = parseJsonPath(matcher.path);
  if ('error' in path) return { error: path.error };
  const at = (m: Message): unknown => {
    const root = parsed(m);
    return root === NOT_JSON ? undefined : readJsonPath(root, path);
  };
  const explain = (m: Message): string => {
    if (parsed(m) === NOT_JSON) return `not JSON: ${preview(m.text, 60)}`;
    const value = at(m);
    return value === undefined ? `JSON without ${path.source}` : `${path.source} = ${preview(value, 60)}`;
  };
  if ('equals' in matcher) {
    const wanted = matcher.equals;
    return {
      test: (m) => deepEqual(at(m), wanted),
      describe: `${path.source} = ${preview(wanted)}`,
      explain,
    };
  }
  if (matcher.matches instanceof RegExp) {
    const re = new RegExp(matcher.matches.source, matcher.matches.flags.replace(/[gy]/g, ''));
    return {
      test: (m) => {
        const value = at(m);
        return typeof value === 'string' && re.test(value);
      },
      describe: `${path.source} matching ${String(matcher.matches)}`,
      explain,
    };
  }
  const exists = matcher.exists ?? true;
  return {
    test: (m) => (at(m) !== undefined) === exists,
    describe: exists ? `JSON with ${path.source}` : `JSON without ${path.source}`,
    explain,
  };
}

const NOT_JSON = Symbol('not JSON');
const parsedCache = new WeakMap<Message, unknown>();

/** The message's JSON, parsed once per message however many matchers look at it. */
function parsed(m: Message): unknown {
  if (parsedCache.has(m)) return parsedCache.get(m);
  let value: unknown = NOT_JSON;
  if (m.type === 'text') {
    try {
      value = JSON.parse(m.text);
    } catch {
      // stays NOT_JSON
    }
  }
  parsedCache.set(m, value);
  return value;
}

/** Structural equality: primitives by value (NaN equals NaN), arrays and objects key by key, bytes byte by byte. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

/** Whether `value` has every field of `wanted` (recursively for objects; arrays and primitives equal). */
export function contains(value: unknown, wanted: unknown): boolean {
  if (value === NOT_JSON) return false;
  if (wanted === null || typeof wanted !== 'object' || Array.isArray(wanted)) return deepEqual(value, wanted);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(wanted).every(
    ([k, v]) => Object.hasOwn(value, k) && contains((value as Record<string, unknown>)[k], v),
  );
}
