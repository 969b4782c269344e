import { describe, expect, it } from 'vitest';
import { closeCodeOf, outgoingOf, targetLabel, targetOf } from './send-draft.js';
import { EMPTY_REPLAY, replayOptionsOf } from './replay-form.js';
import { EMPTY_START, isExposed, startInputOf } from './start-form.js';

describe('the start form', () => {
  it('needs a file for a mock or a replay, and none for echo', () => {
    expect(startInputOf(EMPTY_START)).toEqual({ ok: false, error: expect.stringMatching(/mock definition/) });
    expect(startInputOf({ ...EMPTY_START, behaviour: 'mock', file: ' /tmp/m.yaml ' })).toEqual({
      ok: true,
      input: { behaviour: 'mock', file: '/tmp/m.yaml', host: '127.0.0.1', port: 0 },
    });
    expect(startInputOf({ ...EMPTY_START, behaviour: 'echo', file: '/ignored', port: '8080' })).toEqual({
      ok: true,
      input: { behaviour: 'echo', host: '127.0.0.1', port: 8080 },
    });
  });

  it('checks the port and TLS', () => {
    const echo = { ...EMPTY_START, behaviour: 'echo' as const };
    expect(startInputOf({ ...echo, port: '70000' }).ok).toBe(false);
    expect(startInputOf({ ...echo, port: '-1' }).ok).toBe(false);
    expect(startInputOf({ ...echo, tls: 'files', certFile: 'c.pem' }).ok).toBe(false);
    expect(startInputOf({ ...echo, tls: 'self-signed' })).toMatchObject({
      input: { tls: { selfSigned: true } },
    });
    expect(startInputOf({ ...echo, tls: 'files', certFile: 'c.pem', keyFile: 'k.pem' })).toMatchObject({
      input: { tls: { certFile: 'c.pem', keyFile: 'k.pem' } },
    });
  });

  it("sends a replay's options only for a replay, and only those set", () => {
    const replay = { ...EMPTY_START, behaviour: 'replay' as const, file: '/tmp/s.jsonl' };
    expect(startInputOf(replay)).toEqual({
      ok: true,
      input: { behaviour: 'replay', file: '/tmp/s.jsonl', host: '127.0.0.1', port: 0 },
    });
    const options = {
      speed: '2x',
      correlate: '$.id, $.meta.requestId',
      ignore: '$..ts $.items[*].nonce',
      window: '1',
      onMismatch: 'close' as const,
      connections: '#2 3',
    };
    expect(startInputOf({ ...replay, replay: options })).toMatchObject({
      input: {
        replay: {
          speed: 2,
          correlate: ['$.id', '$.meta.requestId'],
          ignore: ['$..ts', '$.items[*].nonce'],
          window: 1,
          onMismatch: 'close',
          connections: [2, 3],
        },
      },
    });
    expect(startInputOf({ ...replay, behaviour: 'mock', replay: options })).not.toHaveProperty(
      'input.replay',
    );
    expect(startInputOf({ ...replay, replay: { ...EMPTY_REPLAY, window: '0' } }).ok).toBe(false);
  });

  it('reads replay speeds and refuses what the engine would', () => {
    const speed = (text: string) => replayOptionsOf({ ...EMPTY_REPLAY, speed: text });
    expect(speed('max')).toEqual({ ok: true, replay: { speed: 0 } });
    expect(speed('0')).toEqual({ ok: true, replay: { speed: 0 } });
    expect(speed(' 0.5 ')).toEqual({ ok: true, replay: { speed: 0.5 } });
    expect(speed('')).toEqual({ ok: true, replay: {} });
    for (const bad of ['fast', '-1', '1001', 'Infinity'])
      expect(speed(bad)).toEqual({ ok: false, error: expect.stringMatching(/^Speed: /) });
    const problem = (draft: Partial<typeof EMPTY_REPLAY>) => {
      const checked = replayOptionsOf({ ...EMPTY_REPLAY, ...draft });
      return checked.ok ? null : checked.error;
    };
    expect(problem({ correlate: 'id' })).toMatch(/^Correlate: .*"id"/);
    expect(problem({ correlate: '$' })).toMatch(/^Correlate: /);
    expect(problem({ correlate: '$.items[*].id' })).toMatch(/^Correlate: /);
    expect(problem({ ignore: '$.a ts' })).toMatch(/^Ignore: 'ts' must start with \$/);
    expect(problem({ window: '2.5' })).toMatch(/^Window: /);
    expect(problem({ connections: '2 x' })).toMatch(/^Connections: .*"x"/);
    expect(problem({ connections: '#0' })).toMatch(/^Connections: /);
  });

  it('warns about hosts other machines reach', () => {
    expect(isExposed('127.0.0.1')).toBe(false);
    expect(isExposed('')).toBe(false);
    expect(isExposed('::1')).toBe(false);
    expect(isExposed('0.0.0.0')).toBe(true);
  });
});

describe('the send form', () => {
  it('sends text, checked JSON and base64', () => {
    expect(outgoingOf('text', 'hi')).toEqual({ ok: true, message: { kind: 'text', text: 'hi' } });
    expect(outgoingOf('json', '{"a":1}')).toEqual({ ok: true, message: { kind: 'json', text: '{"a":1}' } });
    expect(outgoingOf('json', '{a').ok).toBe(false);
    expect(outgoingOf('base64', 'AAEC\nAw==')).toEqual({
      ok: true,
      message: { kind: 'binary', base64: 'AAECAw==' },
    });
    expect(outgoingOf('base64', 'A!').ok).toBe(false);
  });

  it('reads targets and close codes', () => {
    expect(targetOf('all')).toEqual({ kind: 'all' });
    expect(targetOf('room:/lobby')).toEqual({ kind: 'room', room: '/lobby' });
    expect(targetOf('conn:7')).toEqual({ kind: 'conn', id: 7 });
    expect(targetLabel({ kind: 'conn', id: 7 })).toBe('client #7');
    expect(closeCodeOf('4001')).toBe(4001);
    expect(closeCodeOf('1005')).toEqual({ error: expect.any(String) });
    expect(closeCodeOf('abc')).toEqual({ error: expect.any(String) });
  });
});
