/**
 * How a replay decides that a live message is the one the recording expects. Every mode reduces
 * a message to a key, and two messages match when their keys are equal: matching a message
 * against many expected ones is one map lookup.
 */
import type { ConversationMessage } from '../interchange/conversation.js';
import { withoutPaths, type IgnorePath } from './ignore-paths.js';

/**
 * - `exact`: the same bytes.
 * - `json` (default): JSON payloads equal after dropping the ignored paths (key order does not
 *   matter); payloads that are not JSON must be exact.
 * - `shape`: JSON payloads with the same keys and value types (values ignored); others by opcode.
 * - `type`: any message of the same opcode (text or binary) matches: only counts are checked.
 */
export type MatchMode = 'exact' | 'json' | 'shape' | 'type';

/** The match modes, for help texts and argument checks. */
export const MATCH_MODES: readonly MatchMode[] = ['exact', 'json', 'shape', 'type'];

/** Reduces messages to keys. */
export interface MessageMatcher {
  readonly mode: MatchMode;
  keyOf(message: Pick<ConversationMessage, 'opcode' | 'text' | 'base64'>): string;
}

/** A matcher for a mode and the paths to ignore. */
export function createMatcher(mode: MatchMode, ignore: readonly IgnorePath[] = []): MessageMatcher {
  return {
    mode,
    keyOf(message) {
      const raw = message.text !== undefined ? `t${message.text}` : `b${message.base64 ?? ''}`;
      if (mode === 'exact') return raw;
      if (mode === 'type') return message.opcode;
      const value = message.text === undefined ? undefined : parseJson(message.text);
      if (value === undefined) return mode === 'shape' ? message.opcode : raw;
      if (mode === 'shape') return `s${canonical(shapeOf(withoutPaths(value, ignore)))}`;
      return `j${canonical(withoutPaths(value, ignore))}`;
    },
  };
}

/** The JSON value of a text that is a JSON object or array (scalars count as plain text), else undefined. */
export function parseJson(text: string): unknown {
  // Most messages of a long replay are not JSON: tell from the first non-blank character, no copy.
  let at = 0;
  while (at < text.length && /\s/.test(text[at] as string)) at++;
  const first = text[at];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON with object keys sorted, so key order does not matter. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = shapeOf(child);
    return out;
  }
  return typeof value;
}
