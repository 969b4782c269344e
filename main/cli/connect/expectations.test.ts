import { describe, expect, it } from 'vitest';
import { ExpectationQueue, matches, parseExpectation } from './expectations.js';

const text = (t: string) => ({ opcodeName: 'text' as const, text: t });
const hit = (spec: string, message: string) => matches(parseExpectation(spec), text(message));

describe('--expect patterns', () => {
  it('/regex/flags', () => {
    expect(parseExpectation('/^po+ng$/i')).toMatchObject({ kind: 'regex' });
    expect(hit('/^po+ng$/i', 'POOONG')).toBe(true);
    expect(hit('/^pong$/', 'ping pong')).toBe(false);
    // A global flag must not make the second test start where the first stopped.
    const global = parseExpectation('/a/g');
    expect([matches(global, text('a')), matches(global, text('a'))]).toEqual([true, true]);
    expect(() => parseExpectation('/(/')).toThrow("--expect '/(/'");
  });

  it('a plain substring', () => {
    expect(parseExpectation('pong')).toEqual({ kind: 'substring', spec: 'pong', text: 'pong' });
    expect(hit('"ok":true', '{"ok":true}')).toBe(true);
    expect(hit('pong', 'ping')).toBe(false);
    expect(() => parseExpectation('')).toThrow('--expect needs something to look for');
  });

  it('$.json.path=value compares as JSON, and as text for strings', () => {
    const message = JSON.stringify({ type: 'welcome', n: 5, ok: true, none: null, items: [{ id: 7 }], 'a b': 'x=y', nested: { deep: [1, 2] } });
    expect(hit('$.type=welcome', message)).toBe(true);
    expect(hit('$.type="welcome"', message)).toBe(true);
    expect(hit('$.type=goodbye', message)).toBe(false);
    expect(hit('$.n=5', message)).toBe(true);
    expect(hit('$.n=6', message)).toBe(false);
    expect(hit('$.ok=true', message)).toBe(true);
    expect(hit('$.none=null', message)).toBe(true);
    expect(hit('$.items[0].id=7', message)).toBe(true);
    expect(hit('$.items[1].id=7', message)).toBe(false);
    expect(hit('$["a b"]=x=y', message)).toBe(true);
    expect(hit("$['a b']=x=y", message)).toBe(true);
    expect(hit('$.nested.deep=[1,2]', message)).toBe(true);
    expect(hit('$.nested', message)).toBe(true);
    expect(hit('$.missing', message)).toBe(false);
    expect(hit('$.type=welcome', 'not json')).toBe(false);
    // A string "5" is not the number 5, but `=5` also matches the text "5".
    expect(hit('$.n=5', '{"n":"5"}')).toBe(true);
    expect(hit('$.n=5', '{"n":5.0}')).toBe(true);
  });

  it('only text messages can match', () => {
    expect(matches(parseExpectation('x'), { opcodeName: 'binary' })).toBe(false);
  });
});

describe('ExpectationQueue', () => {
  it('meets expectations in order; one message may meet several in a row', () => {
    const queue = new ExpectationQueue(['$.type=pong', '$.seq=2', 'bye'].map(parseExpectation));
    expect(queue.offer(text('{"type":"pong","seq":1}')).map((e) => e.spec)).toEqual(['$.type=pong']);
    expect(queue.offer(text('bye'))).toEqual([]);
    expect(queue.offer(text('{"type":"pong","seq":2}')).map((e) => e.spec)).toEqual(['$.seq=2']);
    expect(queue.pending?.spec).toBe('bye');
    expect(queue.done).toBe(false);
    expect(queue.offer(text('bye')).map((e) => e.spec)).toEqual(['bye']);
    expect([queue.done, queue.met, queue.pending]).toEqual([true, 3, null]);
  });

  it('is done at once without expectations', () => {
    expect(new ExpectationQueue([]).done).toBe(true);
  });
});
