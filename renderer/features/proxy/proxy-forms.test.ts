import { describe, expect, it } from 'vitest';
import {
  EMPTY_RULE,
  EMPTY_START,
  heldText,
  parseCloseCode,
  parseInject,
  parseRule,
  parseStart,
  describeRule,
} from './proxy-forms.js';

describe('proxy start form', () => {
  it('gives target and port; 127.0.0.1 is the default host and left out', () => {
    expect(parseStart({ ...EMPTY_START, target: ' ws://127.0.0.1:9000 ' })).toEqual({
      ok: true,
      value: { target: 'ws://127.0.0.1:9000', port: 0 },
    });
  });

  it('parses headers to set (Name: value a line) and to remove (commas or spaces)', () => {
    const parsed = parseStart({
      ...EMPTY_START,
      target: 'ws://h:1',
      host: '0.0.0.0',
      port: '8080',
      setHeaders: 'Authorization: Bearer a:b\n\nX-Test:  1 ',
      removeHeaders: 'Cookie, Origin  x-y',
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        target: 'ws://h:1',
        port: 8080,
        host: '0.0.0.0',
        setHeaders: [
          ['Authorization', 'Bearer a:b'],
          ['X-Test', '1'],
        ],
        removeHeaders: ['Cookie', 'Origin', 'x-y'],
      },
    });
  });

  it('says what is wrong: no target, a bad port, a header line without a name', () => {
    expect(parseStart(EMPTY_START)).toMatchObject({ ok: false, error: expect.stringMatching(/^target/) });
    expect(parseStart({ ...EMPTY_START, target: 'x', port: '70000' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^port/),
    });
    expect(parseStart({ ...EMPTY_START, target: 'x', setHeaders: ': v' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Name: value/),
    });
  });
});

describe('proxy rule form', () => {
  it('a drop percentage becomes a rate; empty fields are left out', () => {
    expect(parseRule({ ...EMPTY_RULE, toward: 'target', match: '^secret', dropPercent: '100' })).toEqual({
      ok: true,
      value: { toward: 'target', match: '^secret', dropRate: 1 },
    });
    expect(parseRule({ ...EMPTY_RULE, latencyMs: '200', jitterMs: '50' })).toEqual({
      ok: true,
      value: { toward: 'both', latencyMs: 200, jitterMs: 50 },
    });
  });

  it('refuses a rule that does nothing, a bad regex, values out of range', () => {
    expect(parseRule(EMPTY_RULE)).toMatchObject({ ok: false, error: expect.stringMatching(/does nothing/) });
    expect(parseRule({ ...EMPTY_RULE, match: '(', dropPercent: '5' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^match/),
    });
    expect(parseRule({ ...EMPTY_RULE, dropPercent: '101' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^drop/),
    });
    expect(parseRule({ ...EMPTY_RULE, latencyMs: '1.5' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^latency/),
    });
  });

  it('describes a rule in one line', () => {
    const rule = {
      id: 1,
      toward: 'target',
      match: '^s',
      latencyMs: 200,
      jitterMs: 50,
      dropRate: 0.125,
      delayed: 0,
      dropped: 0,
    } as const;
    expect(describeRule(rule)).toBe('toward target · /^s/ · +200±50 ms · drop 12.5%');
    expect(describeRule({ ...rule, match: null, latencyMs: 0, jitterMs: 0 })).toBe(
      'toward target · every message · drop 12.5%',
    );
  });
});

describe('proxy interventions', () => {
  it('inject: text as is, hex as base64, a ping bounded to 125 bytes', () => {
    expect(parseInject('text', 'hi')).toEqual({ ok: true, value: { kind: 'text', text: 'hi' } });
    expect(parseInject('hex', '01 ff')).toEqual({ ok: true, value: { kind: 'binary', base64: 'Af8=' } });
    expect(parseInject('hex', '0')).toMatchObject({ ok: false });
    expect(parseInject('ping', '')).toEqual({ ok: true, value: { kind: 'ping' } });
    expect(parseInject('ping', 'x'.repeat(126))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/125/),
    });
  });

  it('close codes: 1000..4999 without the ones a Close frame may not carry', () => {
    expect(parseCloseCode('4001')).toEqual({ ok: true, value: 4001 });
    expect(parseCloseCode('1005')).toMatchObject({ ok: false });
    expect(parseCloseCode('999')).toMatchObject({ ok: false });
    expect(parseCloseCode('abc')).toMatchObject({ ok: false });
  });

  it('held bytes against the limit', () => {
    expect(heldText(null, 1024)).toBe('—');
    expect(heldText(10, 16 * 1024 * 1024)).toBe('10 B of 16 MiB');
    expect(heldText(2048, 2048)).toBe('2 KiB of 2 KiB (full: reading paused)');
  });
});
