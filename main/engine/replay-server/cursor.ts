/**
 * Where one client's replay stands: which recorded client messages it has sent. A live message
 * may be any of the next `window` recorded client messages not matched yet, so a client that
 * sends them in another order, or sends one the recording lacks, keeps its place; one that
 * matches none is a mismatch, reported with the closest candidate.
 */
import type { Comparable, Difference, MessageMatcher } from './match.js';

/** What a live message turned out to be. */
export type Taken =
  | {
      readonly kind: 'match';
      /** The recorded client message it matched (index among the connection's client messages). */
      readonly index: number;
      /** Recorded client messages before it still unmatched (0: in order). */
      readonly ahead: number;
    }
  | {
      readonly kind: 'mismatch';
      /** The closest candidate, null when every recorded client message was matched already. */
      readonly closest: ({ readonly index: number } & Difference) | null;
    };

/** One client's position in the recorded client messages of its connection. */
export class ReplayCursor {
  private readonly matched: boolean[];
  /** The first unmatched index. */
  private front = 0;
  private left: number;

  constructor(
    private readonly expected: readonly Comparable[],
    private readonly matcher: MessageMatcher,
    private readonly window: number,
  ) {
    this.matched = expected.map(() => false);
    this.left = expected.length;
  }

  /** Recorded client messages not matched yet. */
  get remaining(): number {
    return this.left;
  }

  /** Whether recorded client message `index` was matched. */
  isMatched(index: number): boolean {
    return this.matched[index] === true;
  }

  /** Indexes of the recorded client messages not matched yet, in order. */
  unmatched(): number[] {
    return this.expected.flatMap((_, i) => (this.matched[i] ? [] : [i]));
  }

  /** The indexes a live message may match now: the next `window` unmatched ones. */
  candidates(): number[] {
    const found: number[] = [];
    for (let i = this.front; i < this.expected.length && found.length < this.window; i++)
      if (!this.matched[i]) found.push(i);
    return found;
  }

  /** Matches a live message against the candidates (the earliest that matches wins). */
  take(live: Comparable): Taken {
    const candidates = this.candidates();
    const at = candidates.findIndex((i) => this.matcher.same(live, this.expected[i] as Comparable));
    if (at >= 0) {
      const index = candidates[at] as number;
      this.matched[index] = true;
      this.left--;
      while (this.front < this.expected.length && this.matched[this.front]) this.front++;
      return { kind: 'match', index, ahead: at };
    }
    let closest: ({ index: number } & Difference) | null = null;
    for (const index of candidates) {
      const difference = this.matcher.difference(live, this.expected[index] as Comparable);
      if (closest === null || difference.score < closest.score) closest = { index, ...difference };
    }
    return { kind: 'mismatch', closest };
  }
}
