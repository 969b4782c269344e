import { decodeAll } from '../../../shared/protocol/decode-all.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import { utf8TextOrNull } from '../../../shared/protocol/utf8.js';
import type { MessagePolicy } from './relay-direction.js';

/** Rules a proxy applies to the messages of a direction. */
export interface MessageRules {
  /** Every message waits this long before it goes on (order is kept). */
  readonly latencyMs: number;
  /** Plus a random 0..jitterMs (order is still kept). */
  readonly jitterMs: number;
  /** Share of data messages dropped at random, 0..1. */
  readonly dropRate: number;
  /** Text messages that match are dropped. */
  readonly drop: RegExp | null;
  /** Which directions the rules apply to. */
  readonly toward: 'app' | 'target' | 'both';
}

/** Whether rules change the stream (drops): a compressed session cannot survive that, so deflate is stripped. */
export function rulesDropMessages(rules: MessageRules | null): boolean {
  return rules !== null && (rules.dropRate > 0 || rules.drop !== null);
}

/** The policy of the direction toward `to` (the target gets the app's masked frames), or null. */
export function rulesToward(
  rules: MessageRules | null,
  to: 'app' | 'target',
  random: () => number = Math.random,
): MessagePolicy | null {
  if (rules === null || (rules.toward !== 'both' && rules.toward !== to)) return null;
  const sender = to === 'target' ? 'client' : 'server';
  return {
    active: () => true,
    decide(unit) {
      const verdict = judge(unit, sender, rules, random);
      // Every unit waits, control frames too: the order of the stream is kept.
      return verdict.drop ? verdict : { drop: false, delayMs: rules.latencyMs + random() * rules.jitterMs };
    },
  };
}

/** What to do with one whole message (its frames as they came, control frames between them included). */
export type Verdict =
  { readonly drop: false } | { readonly drop: true; readonly why: string; readonly keep: Uint8Array[] };

/**
 * Judges one message unit against the drop rules: decodes it (unmasking; deflate is stripped when
 * drops are on), and when it drops the data frames it keeps any control frames that came between
 * them (a ping inside a fragmented message still goes on).
 */
export function judge(
  unit: Uint8Array,
  sender: 'client' | 'server',
  rules: MessageRules,
  random: () => number,
): Verdict {
  if (!rulesDropMessages(rules)) return { drop: false };
  const decoded = decodeAll(unit, { sender });
  const message = decoded.messages[0];
  if (message === undefined) return { drop: false };
  const text =
    message.opcode === OPCODE.TEXT && message.payload !== null ? utf8TextOrNull(message.payload) : null;
  let why: string | null = null;
  if (rules.drop !== null && text !== null && rules.drop.test(text)) why = `matches ${rules.drop}`;
  else if (rules.dropRate > 0 && random() < rules.dropRate) why = `drop rate ${rules.dropRate}`;
  if (why === null) return { drop: false };
  const keep = decoded.frames
    .filter((f) => f.opcode >= 8)
    .map((f) => unit.subarray(f.offset, f.offset + f.headerLength + f.payloadLength));
  const size = message.payload?.length ?? 0;
  return {
    drop: true,
    why: `${message.opcode === OPCODE.TEXT ? 'text' : 'binary'} ${size} B (${why})`,
    keep,
  };
}
