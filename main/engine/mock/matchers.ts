/** Whether an incoming message matches a rule, and the regex groups templates may read. */
import { isDeepStrictEqual } from 'node:util';
import type { IncomingMessage } from '../server/behaviour.js';
import type { JsonValue, MessageMatch, MockRule, RegexSource } from './definition.js';
import { readJsonPath } from './json-path.js';
import type { TemplateScope } from './templates.js';

/** What a match found: regex groups (null for other kinds). */
export interface MatchResult {
  readonly groups: TemplateScope['groups'];
}

const compiled = new WeakMap<RegexSource, RegExp>();

/** The RegExp of a definition's regex, compiled once. */
export function regexOf(source: RegexSource): RegExp {
  let regex = compiled.get(source);
  if (regex === undefined) {
    regex = new RegExp(source.source, source.flags);
    compiled.set(source, regex);
  }
  return regex;
}

/** Parses a text message as JSON once, on first use; undefined for binary or non-JSON messages. */
export function lazyJson(message: IncomingMessage): () => unknown {
  let parsed: { value: unknown } | null = null;
  return () => {
    if (parsed === null) {
      try {
        parsed = { value: message.text === null ? undefined : (JSON.parse(message.text) as unknown) };
      } catch {
        parsed = { value: undefined };
      }
    }
    return parsed.value;
  };
}

/** The match, or null. `json` is the message parsed as JSON (lazyJson). */
export function matchMessage(
  match: MessageMatch,
  message: IncomingMessage,
  json: () => unknown,
): MatchResult | null {
  const none: MatchResult = { groups: null };
  switch (match.kind) {
    case 'text':
      return message.text === match.text && message.type === 'text' ? none : null;
    case 'regex': {
      if (message.type !== 'text' || message.text === null) return null;
      const found = regexOf(match.regex).exec(message.text);
      return found ? { groups: { numbered: Array.from(found), named: { ...found.groups } } } : null;
    }
    case 'json': {
      if (message.type !== 'text') return null;
      const root = json();
      if (root === undefined) return null;
      const value = readJsonPath(root, match.path);
      const ok =
        match.test.kind === 'equals'
          ? value !== undefined && isDeepStrictEqual(value, match.test.value)
          : (value !== undefined) === match.test.exists;
      return ok ? none : null;
    }
    case 'binaryPrefix':
      return message.type === 'binary' && startsWith(message.bytes, match.prefix) ? none : null;
    case 'binary':
      return message.type === 'binary' ? none : null;
    case 'any':
      return none;
  }
}

/** A rule's `when` guard against per-connection state (an unset key equals null). */
export function whenHolds(when: MockRule['when'], state: ReadonlyMap<string, unknown>): boolean {
  if (when === null) return true;
  return Object.entries(when).every(([key, value]: [string, JsonValue]) =>
    isDeepStrictEqual(state.get(key) ?? null, value),
  );
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}
