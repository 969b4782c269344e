import { isDeepStrictEqual } from 'node:util';
import { UserError } from '../errors.js';

/** One step of a path into a JSON value: a property name or an array index. */
export type PathStep = string | number;

/**
 * What `--expect` waits for, by the spec's first character:
 * `/regex/flags` matches a regular expression, `$.path=value` (or `$.path` alone) a JSON value,
 * anything else is a plain substring.
 */
export type Expectation =
  | { readonly kind: 'regex'; readonly spec: string; readonly regex: RegExp }
  | { readonly kind: 'substring'; readonly spec: string; readonly text: string }
  | { readonly kind: 'json'; readonly spec: string; readonly path: readonly PathStep[]; readonly value: JsonValueSpec | null };

/** The right-hand side of `$.path=value`: the raw text and, when it parses as JSON, that value. */
export interface JsonValueSpec {
  readonly raw: string;
  readonly json: { readonly value: unknown } | null;
}

/** Parses one `--expect` spec; throws a UserError saying what is wrong. */
export function parseExpectation(spec: string): Expectation {
  if (spec.startsWith('/') && spec.length > 1) {
    const end = spec.lastIndexOf('/');
    if (end <= 0) throw new UserError(`--expect '${spec}': a regular expression is written /pattern/flags`);
    try {
      return { kind: 'regex', spec, regex: new RegExp(spec.slice(1, end), spec.slice(end + 1)) };
    } catch (error) {
      throw new UserError(`--expect '${spec}': ${(error as Error).message}`);
    }
  }
  if (spec.startsWith('$')) {
    const { path, rest } = parsePath(spec);
    if (rest === '') return { kind: 'json', spec, path, value: null };
    if (!rest.startsWith('=')) throw new UserError(`--expect '${spec}': expected '=' after the path, got '${rest}'`);
    const raw = rest.slice(1);
    return { kind: 'json', spec, path, value: { raw, json: tryJson(raw) } };
  }
  if (spec === '') throw new UserError('--expect needs something to look for');
  return { kind: 'substring', spec, text: spec };
}

// `$`, then `.name`, `[0]`, `["any name"]` or `['any name']` steps.
const STEP = /^(?:\.([^.[=\s]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\['([^']*)'\])/;

function parsePath(spec: string): { path: PathStep[]; rest: string } {
  const path: PathStep[] = [];
  let rest = spec.slice(1);
  for (let match = STEP.exec(rest); match; match = STEP.exec(rest)) {
    const [all, name, index, quoted, single] = match;
    if (name !== undefined) path.push(name);
    else if (index !== undefined) path.push(Number(index));
    else if (quoted !== undefined) path.push(JSON.parse(`"${quoted}"`) as string);
    else path.push(single ?? '');
    rest = rest.slice(all.length);
  }
  if (rest !== '' && !rest.startsWith('=')) throw new UserError(`--expect '${spec}': cannot read the JSON path at '${rest}' (write $.a.b[0] or $["a b"])`);
  return { path, rest };
}

function tryJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

/** What an expectation is matched against: a received message. */
export interface ReceivedMessage {
  readonly opcodeName: 'text' | 'binary';
  readonly text?: string;
}

/**
 * Whether a message meets an expectation. Only text messages can: binary payloads have no text to
 * search. `$.path=value` compares as JSON (`$.n=5` is the number 5, `$.ok=true` the boolean) and,
 * for a string found at the path, also against the raw text (`$.type=welcome`).
 */
export function matches(expectation: Expectation, message: ReceivedMessage): boolean {
  if (message.opcodeName !== 'text' || message.text === undefined) return false;
  const text = message.text;
  switch (expectation.kind) {
    case 'regex':
      expectation.regex.lastIndex = 0;
      return expectation.regex.test(text);
    case 'substring':
      return text.includes(expectation.text);
    case 'json': {
      const root = tryJson(text);
      if (root === null) return false;
      const found = walk(root.value, expectation.path);
      if (found === null) return false;
      const want = expectation.value;
      if (want === null) return true;
      return (want.json !== null && isDeepStrictEqual(found.value, want.json.value)) || found.value === want.raw;
    }
  }
}

function walk(value: unknown, path: readonly PathStep[]): { value: unknown } | null {
  let at: unknown = value;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(at) || step >= at.length) return null;
      at = at[step];
    } else {
      if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, step)) return null;
      at = (at as Record<string, unknown>)[step];
    }
  }
  return { value: at };
}

/**
 * Expectations met in order: each message is checked against the first one still waiting, and
 * when it meets it, against the next (so `--expect '$.type=pong' --expect '$.seq=7'` can be met by
 * one reply).
 */
export class ExpectationQueue {
  private next = 0;

  constructor(readonly all: readonly Expectation[]) {}

  /** Checks a received message; returns the expectations it met, in order. */
  offer(message: ReceivedMessage): Expectation[] {
    const met: Expectation[] = [];
    for (let waiting = this.all[this.next]; waiting !== undefined && matches(waiting, message); waiting = this.all[this.next]) {
      met.push(waiting);
      this.next++;
    }
    return met;
  }

  /** How many have been met. */
  get met(): number {
    return this.next;
  }

  /** Every expectation has been met (true when there were none). */
  get done(): boolean {
    return this.next >= this.all.length;
  }

  /** The first expectation still waiting, if any. */
  get pending(): Expectation | null {
    return this.all[this.next] ?? null;
  }
}
