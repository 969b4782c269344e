/**
 * One replayed connection's bookkeeping: the server messages it waits for, the ones that came,
 * and what differs. Messages are matched by key (message-matcher.ts), so a live message finds its
 * expected one in one lookup, whatever the order they come in. Most arrive in the recorded order
 * with the recorded content: a message equal to the oldest awaited one is that one (equal content,
 * equal key), found with no key at all; keys (a JSON parse, a canonical form, a hash of the whole
 * text) are made only when that fails.
 */
import { diffMessages } from './json-diff.js';
import type { IgnorePath } from './ignore-paths.js';
import type { MessageMatcher } from './message-matcher.js';
import type { ExpectItem } from './replay-items.js';
import type { Finding, ReportMessage } from './replay-report.js';

interface Waiting {
  readonly item: ExpectItem;
  /** Made when first needed (see `index`). */
  key: string | null;
  taken: boolean;
}

interface Arrival {
  readonly message: ReportMessage;
  readonly key: string;
  readonly step: number;
  /** Live ms (the runner's clock). */
  readonly at: number;
}

/** How arrivals are judged. */
export interface ExpectationOptions {
  readonly matcher: MessageMatcher;
  readonly ignore: readonly IgnorePath[];
  /** A reply slower than recorded by more than this (ms) is late; null: timing is not checked. */
  readonly tolerance: number | null;
  /** Pair leftovers by step (lockstep) or in arrival order (timed and fast: steps drift). */
  readonly pairByStep: boolean;
}

/** The expectations of one connection. */
export class ConnectionExpectations {
  /** What is awaited, in the recorded order; entries before `lineHead` or `taken` are done. */
  private line: Waiting[] = [];
  private lineHead = 0;
  /** Entries of `line` before this one are keyed in `waiting` (unless taken). */
  private indexed = 0;
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly early = new Map<string, Arrival[]>();
  private readonly missing = new Map<string, Waiting[]>();
  private readonly findings: Finding[] = [];
  /** Live time each step started (step 0: the open). */
  private readonly stepStarts: number[] = [];
  private waitingCount = 0;
  /** Arrivals that matched nothing since the last give-up. */
  private unmatched = 0;
  expected = 0;
  received = 0;
  matched = 0;
  step = 0;

  constructor(private readonly options: ExpectationOptions) {}

  /**
   * Messages still awaited: those not come, less those that came unmatched since the last give-up
   * (a reply that differs stands for the one awaited, so a changed reply does not cost a timeout).
   */
  get outstanding(): number {
    return Math.max(0, this.waitingCount - this.unmatched);
  }

  /** A step starts now: the connection opened (step 0) or a message was sent. */
  startStep(step: number, now: number): void {
    this.step = step;
    this.stepStarts[step] = now;
  }

  /** The recording has this server message next: match an early arrival or wait for it. */
  expect(item: ExpectItem, now: number): void {
    this.expected++;
    let key: string | null = null;
    if (this.early.size > 0) {
      key = this.options.matcher.keyOf(item.message);
      const early = take(this.early, key);
      if (early !== undefined) {
        this.unmatched = Math.max(0, this.unmatched - 1);
        this.hit({ item, key, taken: true }, early.at, now);
        return;
      }
    }
    this.line.push({ item, key, taken: false });
    this.waitingCount++;
  }

  /** A server message arrived (as a report shows it: opcode and text or base64, nothing else). */
  arrive(view: ReportMessage, now: number): void {
    this.received++;
    const head = this.head();
    if (head !== undefined && sameContent(view, head.item.message)) {
      this.takeHead(head);
      this.waitingCount--;
      this.hit(head, now, now);
      return;
    }
    const key = this.options.matcher.keyOf(view);
    this.index();
    const waiting = take(this.waiting, key);
    if (waiting !== undefined) {
      waiting.taken = true;
      this.waitingCount--;
      this.hit(waiting, now, now);
      return;
    }
    const gaveUp = take(this.missing, key);
    if (gaveUp !== undefined) {
      // It came after its step stopped waiting: matched, but late.
      this.matched++;
      this.findings.push(this.late(gaveUp.item, now));
      return;
    }
    push(this.early, key, { message: view, key, step: this.step, at: now });
    this.unmatched++;
  }

  /** Stop waiting: what is still awaited is missing (unless it comes later: then it is late). */
  giveUp(): void {
    this.index();
    for (const [key, list] of this.waiting) for (const w of list) push(this.missing, key, w);
    this.waiting.clear();
    this.line = [];
    this.lineHead = 0;
    this.indexed = 0;
    this.waitingCount = 0;
    this.unmatched = 0;
  }

  /** Adds a finding that is not about a message (close, failure). */
  note(finding: Finding): void {
    this.findings.push(finding);
  }

  /** Every finding, leftovers paired into `different` where a missing and an extra message meet. */
  report(): Finding[] {
    this.giveUp();
    const missing = [...this.missing.values()].flat().sort((a, b) => a.item.at - b.item.at);
    const extra = [...this.early.values()].flat().sort((a, b) => a.at - b.at);
    return [...this.findings, ...this.pair(missing, extra)];
  }

  /** The oldest awaited message, if any. */
  private head(): Waiting | undefined {
    const line = this.line;
    while (this.lineHead < line.length && (line[this.lineHead] as Waiting).taken) this.lineHead++;
    // Let go of what was matched once it is most of the line (a long replay awaits little at a time).
    if (this.lineHead > 1024 && this.lineHead * 2 > line.length) {
      line.splice(0, this.lineHead);
      this.indexed = Math.max(0, this.indexed - this.lineHead);
      this.lineHead = 0;
    }
    return line[this.lineHead];
  }

  /** Takes the oldest awaited message: first in the line, and first of its key when keyed. */
  private takeHead(head: Waiting): void {
    head.taken = true;
    if (this.lineHead++ < this.indexed) take(this.waiting, head.key as string);
  }

  /** Keys everything awaited that has no key yet, in line order (each key's list stays in order). */
  private index(): void {
    const line = this.line;
    for (let i = Math.max(this.indexed, this.lineHead); i < line.length; i++) {
      const w = line[i] as Waiting;
      if (w.taken) continue;
      w.key ??= this.options.matcher.keyOf(w.item.message);
      push(this.waiting, w.key, w);
    }
    this.indexed = line.length;
  }

  private hit(w: Waiting, arrivedAt: number, now: number): void {
    this.matched++;
    const tolerance = this.options.tolerance;
    const start = this.stepStarts[w.item.step];
    if (tolerance === null || start === undefined || arrivedAt < start) return;
    const live = Math.max(arrivedAt, start) - start;
    if (live - w.item.latency > tolerance) this.findings.push(this.late(w.item, now));
  }

  private late(item: ExpectItem, now: number): Finding {
    const start = this.stepStarts[item.step] ?? now;
    return {
      kind: 'late',
      step: item.step,
      expected: shown(item.message),
      recordedMs: round(item.latency),
      liveMs: round(now - start),
    };
  }

  private pair(missing: Waiting[], extra: Arrival[]): Finding[] {
    const out: Finding[] = [];
    const used = new Set<Arrival>();
    // Candidates by step (lockstep) and opcode, in arrival order: pairing stays linear.
    const slot = (step: number, opcode: string): string => `${this.options.pairByStep ? step : 0}:${opcode}`;
    const candidates = new Map<string, Arrival[]>();
    for (const a of extra) push(candidates, slot(a.step, a.message.opcode), a);
    for (const w of missing) {
      const partner = take(candidates, slot(w.item.step, w.item.message.opcode));
      if (partner === undefined) {
        out.push({ kind: 'missing', step: w.item.step, expected: shown(w.item.message) });
        continue;
      }
      used.add(partner);
      const fields = diffMessages(w.item.message, partner.message, this.options.ignore);
      out.push({
        kind: 'different',
        step: w.item.step,
        expected: shown(w.item.message),
        actual: partner.message,
        fields,
      });
    }
    for (const a of extra) if (!used.has(a)) out.push({ kind: 'extra', step: a.step, actual: a.message });
    return out;
  }
}

/** Same opcode and the same text or base64: then any matcher gives them the same key. */
function sameContent(view: ReportMessage, expected: ReportMessage): boolean {
  if (view.opcode !== expected.opcode) return false;
  if (view.text !== undefined) return view.text === expected.text;
  return expected.text === undefined && view.base64 !== undefined && view.base64 === expected.base64;
}

function shown(message: ReportMessage): ReportMessage {
  return message.text !== undefined
    ? { opcode: message.opcode, text: message.text }
    : { opcode: message.opcode, base64: message.base64 ?? '' };
}

function take<T>(map: Map<string, T[]>, key: string): T | undefined {
  const list = map.get(key);
  if (list === undefined) return undefined;
  const first = list.shift();
  if (list.length === 0) map.delete(key);
  return first;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
