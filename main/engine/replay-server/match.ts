/**
 * Whether a live client message is a recorded one: the same bytes, or the same JSON once the
 * fields that may differ — volatile ones (`--ignore`) and correlated ones (`--correlate`) — are
 * set aside. The rules and the field-by-field diff are `wstap replay`'s (shared/replay), so both
 * directions of replay agree on what "the same message" means.
 */
import type { ConversationMessage } from '../../../shared/interchange/conversation.js';
import type { IgnorePath } from '../../../shared/replay/ignore-paths.js';
import { diffMessages } from '../../../shared/replay/json-diff.js';
import {
  createMatcher,
  parseJson,
  type MessageMatcher as KeyMatcher,
} from '../../../shared/replay/message-matcher.js';

/** A message's payload as the conversation model holds it. */
export type Payload = Pick<ConversationMessage, 'opcode' | 'text' | 'base64'>;

/** A message reduced to its match key; its JSON is parsed on first use (correlation needs it). */
export class Comparable {
  private parsed: { value: unknown } | null = null;

  constructor(
    readonly payload: Payload,
    /** Equal keys: the same message (message-matcher.ts). */
    readonly key: string,
  ) {}

  /** The message as a JSON object or array; undefined when it is neither. */
  json(): unknown {
    this.parsed ??= { value: this.payload.text === undefined ? undefined : parseJson(this.payload.text) };
    return this.parsed.value;
  }
}

/** How far a live message is from a recorded one: a score to rank by (lower is closer) and a phrase. */
export interface Difference {
  readonly score: number;
  readonly detail: string;
}

/** Makes comparable messages and compares them; `setAside` are the --ignore and --correlate paths. */
export class MessageMatcher {
  private readonly keys: KeyMatcher;

  constructor(private readonly setAside: readonly IgnorePath[]) {
    this.keys = createMatcher('json', setAside);
  }

  /** A recorded message. */
  recorded(message: Payload): Comparable {
    const payload: Payload =
      message.text !== undefined
        ? { opcode: message.opcode, text: message.text }
        : { opcode: message.opcode, base64: message.base64 ?? '' };
    return new Comparable(payload, this.keys.keyOf(payload));
  }

  /** A message a live client sent (ws checked that text is UTF-8). */
  live(opcode: 'text' | 'binary', bytes: Uint8Array, text: string | null): Comparable {
    const payload: Payload =
      opcode === 'text' && text !== null
        ? { opcode, text }
        : { opcode, base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64') };
    return new Comparable(payload, this.keys.keyOf(payload));
  }

  /** The same type, and the same bytes or the same JSON with the set-aside paths removed. */
  same(live: Comparable, recorded: Comparable): boolean {
    return live.key === recorded.key;
  }

  /** Where `live` departs from `recorded`: the first differing field, and how many differ. */
  difference(live: Comparable, recorded: Comparable): Difference {
    const fields = diffMessages(recorded.payload, live.payload, this.setAside);
    const [first] = fields;
    if (first === undefined) return { score: 0, detail: 'the same' };
    // Text that is not JSON: the log shows both messages already, so say only where they part.
    const where = /^\$ \((.*)\)$/.exec(first.path)?.[1];
    const more =
      fields.length > 1 ? ` (and ${fields.length - 1} more difference${fields.length === 2 ? '' : 's'})` : '';
    return {
      // Another type is farther than any number of differing fields.
      score: live.payload.opcode === recorded.payload.opcode ? fields.length : Number.MAX_SAFE_INTEGER,
      detail:
        where !== undefined
          ? `differs ${where}`
          : `${first.path}: ${first.actual ?? '(absent)'}, recorded ${first.expected ?? '(absent)'}${more}`,
    };
  }
}
