/**
 * The messages a connection received and the expectations waiting for them. Each message is
 * taken by at most one expect or next; an expect takes the oldest untaken message that matches,
 * whether it came before the call or after, so a script never races its server.
 */
import type { Message } from '../../../../types/script.js';
import type { CompiledMatcher } from './matchers.js';
import { preview } from './failures.js';

interface Waiter {
  readonly matcher: CompiledMatcher | null;
  readonly resolve: (message: Message) => void;
  readonly fail: (reason: 'timeout' | 'closed') => void;
  readonly timer: NodeJS.Timeout;
}

export class MessageQueue {
  readonly messages: Message[] = [];
  private readonly taken: boolean[] = [];
  /** Everything before this index is taken. */
  private firstUntaken = 0;
  private readonly waiters: Waiter[] = [];

  /** Adds a received message: the first waiter that wants it takes it. */
  add(message: Message): void {
    const index = this.messages.length;
    this.messages.push(message);
    this.taken.push(false);
    for (let i = 0; i < this.waiters.length; i++) {
      const waiter = this.waiters[i]!;
      if (waiter.matcher === null || waiter.matcher.test(message)) {
        this.waiters.splice(i, 1);
        this.take(index);
        clearTimeout(waiter.timer);
        waiter.resolve(message);
        return;
      }
    }
  }

  /**
   * The oldest untaken message that matches (any, for null), now or within `timeout` ms.
   * `ended` says the connection is over: then nothing more can come and an unmatched wait fails at once.
   */
  wait(
    matcher: CompiledMatcher | null,
    timeout: number,
    ended: boolean,
    fail: (reason: 'timeout' | 'closed') => void,
  ): Promise<Message> {
    for (let i = this.firstUntaken; i < this.messages.length; i++) {
      const message = this.messages[i]!;
      if (!this.taken[i] && (matcher === null || matcher.test(message))) {
        this.take(i);
        return Promise.resolve(message);
      }
    }
    return new Promise<Message>((resolve, reject) => {
      const failWith = (reason: 'timeout' | 'closed'): void => {
        try {
          fail(reason);
        } catch (error) {
          reject(error as Error);
        }
      };
      if (ended) return failWith('closed');
      const waiter: Waiter = {
        matcher,
        resolve,
        fail: failWith,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          failWith('timeout');
        }, timeout),
      };
      this.waiters.push(waiter);
    });
  }

  /** The connection is over: every waiter fails (nothing more will come). */
  end(): void {
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.fail('closed');
    }
  }

  /** Up to `count` of the latest untaken messages, as previews for a failure message. */
  untakenPreview(matcher: CompiledMatcher | null = null, count = 3): string {
    const shown: string[] = [];
    let untaken = 0;
    for (let i = this.messages.length - 1; i >= this.firstUntaken; i--) {
      if (this.taken[i]) continue;
      untaken++;
      const message = this.messages[i]!;
      if (shown.length < count) shown.unshift(matcher?.explain?.(message) ?? describe(message));
    }
    if (this.messages.length === 0) return 'no message came';
    if (untaken === 0)
      return this.messages.length === 1
        ? 'the only message that came was taken by an earlier expect or next'
        : `each of the ${this.messages.length} messages that came was taken by an earlier expect or next`;
    const more = untaken > shown.length ? ` (the last ${shown.length} of ${untaken})` : '';
    return `${untaken} message${untaken === 1 ? '' : 's'} came and did not match${more}: ${shown.join(', ')}`;
  }

  private take(index: number): void {
    this.taken[index] = true;
    while (this.firstUntaken < this.taken.length && this.taken[this.firstUntaken]) this.firstUntaken++;
  }
}

function describe(message: Message): string {
  return message.type === 'text' ? preview(message.text, 60) : `binary ${preview(message.data)}`;
}
