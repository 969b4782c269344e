import { describe, expect, it } from 'vitest';
import { closeCodeOf, outgoingOf, targetLabel, targetOf } from './send-draft.js';
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
