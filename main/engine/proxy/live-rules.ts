import { decodeAll } from '../../../shared/protocol/decode-all.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import { utf8TextOrNull } from '../../../shared/protocol/utf8.js';
import { EngineError } from '../errors.js';
import type { MessagePolicy, PolicyDecision } from './relay-direction.js';

/** A rule added while the proxy runs (the desktop console's proxy panel). */
export interface LiveRuleSpec {
  /** Which direction's messages it looks at. */
  readonly toward: 'app' | 'target' | 'both';
  /** Text messages matching this (a regular expression's source) only; null: every data message. */
  readonly match: string | null;
  readonly latencyMs: number;
  readonly jitterMs: number;
  /** Share of the messages it applies to that are dropped, 0..1 (1 with a match: drop what matches). */
  readonly dropRate: number;
}

/** A rule with its id and what it did so far. */
export interface LiveRuleState extends LiveRuleSpec {
  readonly id: number;
  /** Messages it delayed (latency or jitter above 0). */
  readonly delayed: number;
  /** Messages it dropped. */
  readonly dropped: number;
}

interface Entry {
  readonly spec: LiveRuleSpec;
  readonly id: number;
  readonly match: RegExp | null;
  delayed: number;
  dropped: number;
}

/**
 * The message rules of one proxy that can change while it runs, with counters. A data message is
 * checked against every rule of its direction in the order they were added: the first that drops
 * it wins; else the latencies (plus jitter) of the rules that apply add up. Control frames are not
 * judged (they keep their place in the order). On a connection that negotiated an extension
 * (permessage-deflate) drops are skipped: a compressed stream with a message missing cannot be
 * inflated; new connections get the extension stripped while a rule drops.
 */
export class LiveRules {
  private readonly entries: Entry[] = [];
  private lastId = 0;

  constructor(private readonly random: () => number = Math.random) {}

  /** Adds a rule; throws EngineError INVALID_OPTION for a bad regular expression or a rate out of range. */
  add(spec: LiveRuleSpec): LiveRuleState {
    let match: RegExp | null = null;
    if (spec.match !== null) {
      try {
        match = new RegExp(spec.match);
      } catch (error) {
        throw new EngineError(
          'INVALID_OPTION',
          `match: not a regular expression: ${(error as Error).message}`,
        );
      }
    }
    if (!(spec.dropRate >= 0 && spec.dropRate <= 1))
      throw new EngineError('INVALID_OPTION', `drop rate ${spec.dropRate}: a share from 0 to 1`);
    const entry: Entry = { spec, id: ++this.lastId, match, delayed: 0, dropped: 0 };
    this.entries.push(entry);
    return stateOf(entry);
  }

  /** Removes a rule; false when there is none with that id. */
  remove(id: number): boolean {
    const at = this.entries.findIndex((e) => e.id === id);
    if (at >= 0) this.entries.splice(at, 1);
    return at >= 0;
  }

  /** The rules, oldest first, with their counters. */
  list(): LiveRuleState[] {
    return this.entries.map(stateOf);
  }

  /** Whether a rule may drop messages now (a new connection then gets deflate stripped). */
  dropsAny(): boolean {
    return this.entries.some((e) => e.spec.dropRate > 0);
  }

  /** The policy of the direction toward `to` of one connection; `compressed()` says whether it negotiated an extension. */
  policy(to: 'app' | 'target', compressed: () => boolean): MessagePolicy {
    const sender = to === 'target' ? 'client' : 'server';
    const applies = (e: Entry) => e.spec.toward === 'both' || e.spec.toward === to;
    return {
      active: () => this.entries.some(applies),
      decide: (unit) => this.decide(unit, sender, this.entries.filter(applies), compressed()),
    };
  }

  private decide(
    unit: Uint8Array,
    sender: 'client' | 'server',
    rules: readonly Entry[],
    compressed: boolean,
  ): PolicyDecision {
    if (rules.length === 0) return { drop: false, delayMs: 0 };
    const decoded = decodeAll(unit, { sender });
    const message = decoded.messages[0];
    if (message === undefined) return { drop: false, delayMs: 0 };
    const text =
      message.opcode === OPCODE.TEXT && message.payload !== null && !compressed
        ? utf8TextOrNull(message.payload)
        : null;
    let delayMs = 0;
    for (const rule of rules) {
      if (rule.match !== null && (text === null || !rule.match.test(text))) continue;
      if (!compressed && rule.spec.dropRate > 0 && this.random() < rule.spec.dropRate) {
        rule.dropped++;
        const keep = decoded.frames
          .filter((f) => f.opcode >= 8)
          .map((f) => unit.subarray(f.offset, f.offset + f.headerLength + f.payloadLength));
        const kind = message.opcode === OPCODE.TEXT ? 'text' : 'binary';
        return { drop: true, why: `${kind} ${message.payload?.length ?? 0} B (rule #${rule.id})`, keep };
      }
      const delay = rule.spec.latencyMs + this.random() * rule.spec.jitterMs;
      if (delay > 0) {
        rule.delayed++;
        delayMs += delay;
      }
    }
    return { drop: false, delayMs };
  }
}

function stateOf(entry: Entry): LiveRuleState {
  return { ...entry.spec, id: entry.id, delayed: entry.delayed, dropped: entry.dropped };
}
