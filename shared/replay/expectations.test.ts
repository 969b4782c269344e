import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../interchange/conversation.js';
import { ConnectionExpectations } from './expectations.js';
import { parseIgnorePath, type IgnorePath } from './ignore-paths.js';
import { createMatcher, type MatchMode } from './message-matcher.js';
import type { ExpectItem } from './replay-items.js';
import type { Finding } from './replay-report.js';

const text = (t: string): ConversationMessage => ({ from: 'server', t: 0, opcode: 'text', text: t });
const binary = (base64: string): ConversationMessage => ({ from: 'server', t: 0, opcode: 'binary', base64 });
const item = (message: ConversationMessage, step = 0): ExpectItem => ({
  kind: 'expect',
  conn: 1,
  at: 0,
  message,
  step,
  latency: 0,
});

function expectations(mode: MatchMode = 'json', ignore: readonly string[] = []) {
  const paths = ignore.map((p) => parseIgnorePath(p) as IgnorePath);
  return new ConnectionExpectations({
    matcher: createMatcher(mode, paths),
    ignore: paths,
    tolerance: null,
    pairByStep: false,
  });
}

describe('connection expectations', () => {
  it('matches messages in the recorded order, out of order, and repeated ones one each', () => {
    const e = expectations();
    for (const m of ['a', 'b', 'a', 'c', 'd']) e.expect(item(text(m)), 0);
    for (const m of ['a', 'c', 'a', 'b']) e.arrive({ opcode: 'text', text: m }, 1);
    expect(e.outstanding).toBe(1);
    e.expect(item(binary('AAE=')), 2);
    e.arrive({ opcode: 'binary', base64: 'AAE=' }, 3);
    e.arrive({ opcode: 'text', text: 'd' }, 4);
    expect([e.matched, e.outstanding]).toEqual([6, 0]);
    expect(e.report()).toEqual([]);
  });

  it('json: key order and ignored paths do not matter, in the recorded order or not', () => {
    const e = expectations('json', ['$.at']);
    e.expect(item(text('{"a":1,"b":2,"at":1}')), 0);
    e.expect(item(text('{"a":2}')), 0);
    e.expect(item(text('{"a":3}')), 0);
    e.arrive({ opcode: 'text', text: '{"b":2,"a":1,"at":7}' }, 1);
    e.arrive({ opcode: 'text', text: '{"a":3}' }, 1);
    e.arrive({ opcode: 'text', text: '{ "a": 2 }' }, 1);
    expect([e.matched, e.outstanding]).toEqual([3, 0]);
    expect(e.report()).toEqual([]);
  });

  it('a text never stands for a binary message with the same characters', () => {
    const e = expectations('exact');
    e.expect(item(binary('aGk=')), 0);
    e.arrive({ opcode: 'text', text: 'aGk=' }, 1);
    expect(e.matched).toBe(0);
    expect(e.report().map((f) => f.kind)).toEqual(['missing', 'extra']);
  });

  it('early arrivals wait for their expectation; what differs, is missing or comes late is reported', () => {
    const e = expectations();
    e.arrive({ opcode: 'text', text: 'early' }, 1);
    e.expect(item(text('early')), 2);
    expect(e.matched).toBe(1);
    e.startStep(1, 3);
    e.expect(item(text('never'), 1), 3);
    e.expect(item(text('{"v":1}'), 1), 3);
    e.expect(item(text('slow'), 1), 3);
    e.arrive({ opcode: 'text', text: '{"v":2}' }, 4);
    e.giveUp();
    e.arrive({ opcode: 'text', text: 'slow' }, 5);
    const report = e.report();
    expect(report[0]).toEqual({
      kind: 'late',
      step: 1,
      expected: { opcode: 'text', text: 'slow' },
      recordedMs: 0,
      liveMs: 2,
    });
    // Leftovers pair in order: the first missing one with the first extra one.
    const texts = (f: Finding): [string, string | null, string | null] => [
      f.kind,
      f.kind === 'missing' || f.kind === 'different' ? (f.expected.text ?? null) : null,
      f.kind === 'different' ? (f.actual.text ?? null) : null,
    ];
    expect(report.slice(1).map(texts)).toEqual([
      ['different', 'never', '{"v":2}'],
      ['missing', '{"v":1}', null],
    ]);
  });

  it('a long run in the recorded order matches every message', () => {
    const e = expectations();
    for (let i = 0; i < 5000; i++) {
      e.expect(item(text(`m${i}`)), 0);
      if (i >= 100 && (i - 100) % 997 !== 0) e.arrive({ opcode: 'text', text: `m${i - 100}` }, 1);
      // Now and then one overtakes the others: it is found by key, the line goes on.
      if (i % 997 === 0) e.arrive({ opcode: 'text', text: `m${i}` }, 1);
    }
    for (let i = 4900; i < 5000; i++) if (i % 997 !== 0) e.arrive({ opcode: 'text', text: `m${i}` }, 1);
    expect([e.matched, e.outstanding]).toEqual([5000, 0]);
    expect(e.report()).toEqual([]);
  });
});
