import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../../types/script.js';
import { compileMatcher, type CompiledMatcher } from './matchers.js';
import { MessageQueue } from './message-queue.js';

const message = (text: string): Message => ({
  type: 'text',
  text,
  data: new Uint8Array(),
  size: text.length,
  compressed: false,
  t: 0,
  json: () => JSON.parse(text),
});
const matcher = (text: string): CompiledMatcher => compileMatcher(text) as CompiledMatcher;
const never = (): never => {
  throw new Error('failed');
};

afterEach(() => vi.useRealTimers());

describe('MessageQueue', () => {
  it('takes each message once, in any order the expectations ask, whether it came before or after', async () => {
    const queue = new MessageQueue();
    queue.add(message('a'));
    queue.add(message('b'));
    expect((await queue.wait(matcher('b'), 100, false, never)).text).toBe('b');
    const pending = queue.wait(matcher('c'), 1000, false, never);
    queue.add(message('c'));
    expect((await pending).text).toBe('c');
    expect((await queue.wait(null, 100, false, never)).text).toBe('a');
    expect(queue.untakenPreview()).toBe(
      'each of the 3 messages that came was taken by an earlier expect or next',
    );
  });

  it('times out naming the latest untaken messages, and fails waiters when the connection ends', async () => {
    vi.useFakeTimers();
    const queue = new MessageQueue();
    for (const text of ['1', '2', '3', '4']) queue.add(message(text));
    const timedOut = queue.wait(matcher('x'), 50, false, (reason) => {
      throw new Error(`${reason}: ${queue.untakenPreview()}`);
    });
    vi.advanceTimersByTime(60);
    await expect(timedOut).rejects.toThrow(
      'timeout: 4 messages came and did not match (the last 3 of 4): "2", "3", "4"',
    );
    const ended = queue.wait(matcher('x'), 5000, false, (reason) => {
      throw new Error(reason);
    });
    queue.end();
    await expect(ended).rejects.toThrow('closed');
    await expect(
      queue.wait(matcher('x'), 5000, true, (reason) => {
        throw new Error(reason);
      }),
    ).rejects.toThrow('closed');
  });
});
