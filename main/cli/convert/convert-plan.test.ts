import { describe, expect, it } from 'vitest';
import { convertPlan, formatOfName, formatsHelp } from './convert-plan.js';

describe('convertPlan', () => {
  it('picks the format from the longest matching extension, whatever the case', () => {
    const cases: [string, string | null][] = [
      ['s.har', 'har'],
      ['s.HAR', 'har'],
      ['s.jsonl', 'wstap'],
      ['s.wstap.jsonl', 'wstap'],
      ['s.messages.jsonl', 'messages'],
      ['load.k6.js', 'k6'],
      ['chat.spec.ts', 'playwright'],
      ['mock.yml', 'mock'],
      ['plain.js', null],
      ['notes.txt', null],
    ];
    for (const [name, format] of cases) expect([name, formatOfName(name)]).toEqual([name, format]);
  });

  it('takes --to over the name, and reads the other flags', () => {
    expect(
      convertPlan('a.har', 'x.txt', {
        to: 'messages',
        connection: ['1,3', '4'],
        ignore: ['$.id'],
        speed: '2',
        from: 'har',
        target: 'ws://h',
      }),
    ).toEqual({
      input: 'a.har',
      output: 'x.txt',
      format: 'messages',
      from: 'har',
      connections: [1, 3, 4],
      ignore: ['$.id'],
      speed: 2,
      target: 'ws://h',
    });
  });

  it('names what is wrong', () => {
    const fails = (output: string, flags: object, message: RegExp): void =>
      expect(() => convertPlan('a.har', output, flags)).toThrow(message);
    fails(
      'x.txt',
      {},
      /^cannot tell the output format from the name 'x\.txt': name it with one of \.har, \.wstap\.jsonl, \.jsonl, \.messages\.jsonl, \.k6\.js, \.spec\.ts, \.spec\.js, \.yaml, \.yml, or say --to har\|wstap\|messages\|k6\|playwright\|mock$/,
    );
    fails('-', {}, /^standard output \(-\) has no extension: name it with one of/);
    fails('x.har', { to: 'csv' }, /^--to takes har, wstap, messages, k6, playwright, mock; got 'csv'$/);
    fails('x.har', { from: 'pcap' }, /^--from takes wstap, har, mitmproxy; got 'pcap'$/);
    fails('x.har', { connection: ['1,x'] }, /^--connection takes connection numbers \(1 or 1,3\); got 'x'$/);
    fails('x.har', { speed: '0' }, /^--speed takes a positive number/);
    fails('a.har', { to: 'wstap' }, /^OUT is IN \(a\.har\)/);
  });

  it('lists every format with its extensions for the help', () => {
    expect(formatsHelp().split('\n')).toHaveLength(7);
    expect(formatsHelp()).toMatch(/^ {2}k6 +\.k6\.js +a k6 load test script/m);
  });
});
