import { describe, expect, it } from 'vitest';
import { parseProxyLine } from './proxy-commands.js';

describe('the proxy console', () => {
  it('parses interventions on a connection and a side', () => {
    expect(parseProxyLine('/send #3 app hello there')).toEqual({
      ok: true,
      command: { kind: 'inject', conn: 3, to: 'app', what: { kind: 'text', text: 'hello there' } },
    });
    expect(parseProxyLine('/json 3 target {"a":1}')).toMatchObject({
      ok: true,
      command: { to: 'target', what: { kind: 'json', value: { a: 1 } } },
    });
    expect(parseProxyLine('/binary #3 target 01 ff')).toMatchObject({
      ok: true,
      command: { what: { kind: 'binary', bytes: Uint8Array.from([1, 255]) } },
    });
    expect(parseProxyLine('/ping #3 app')).toMatchObject({
      ok: true,
      command: { what: { kind: 'ping', data: '' } },
    });
    expect(parseProxyLine('/close #3 both')).toEqual({
      ok: true,
      command: { kind: 'close', conn: 3, side: 'both', code: 1000, reason: '' },
    });
    expect(parseProxyLine('/close #3 app 4001 you are out')).toEqual({
      ok: true,
      command: { kind: 'close', conn: 3, side: 'app', code: 4001, reason: 'you are out' },
    });
    expect(parseProxyLine('/cut #9')).toEqual({ ok: true, command: { kind: 'cut', conn: 9 } });
    expect(parseProxyLine('/hold #2 target')).toEqual({
      ok: true,
      command: { kind: 'hold', conn: 2, to: 'target' },
    });
    expect(parseProxyLine('/release #2 target')).toEqual({
      ok: true,
      command: { kind: 'release', conn: 2, to: 'target' },
    });
    expect(parseProxyLine('/connections')).toEqual({ ok: true, command: { kind: 'connections' } });
  });

  it('says what to type instead', () => {
    expect(parseProxyLine('/send app hi')).toEqual({
      ok: false,
      error: '/send needs a connection: #3 (see /connections)',
    });
    expect(parseProxyLine('/send #3 server hi')).toEqual({
      ok: false,
      error: '/send needs a side after the connection: app or target',
    });
    expect(parseProxyLine('/json #3 app {x')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^\/json: not valid JSON, not sent/),
    });
    expect(parseProxyLine('hello')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^the proxy console takes commands/),
    });
    expect(parseProxyLine('/close #3 app code')).toMatchObject({
      ok: false,
      error: "/close takes a whole number, got 'code'",
    });
  });
});

describe('proxy rule flags', () => {
  it('become message rules, checked', async () => {
    const { planProxy } = await import('./proxy-plan.js');
    expect(planProxy({ target: 'ws://h:1' }).rules).toBeNull();
    expect(
      planProxy({ target: 'ws://h:1', latency: '200', jitter: '50', dropRate: '0.05', rulesToward: 'app' })
        .rules,
    ).toEqual({ latencyMs: 200, jitterMs: 50, dropRate: 0.05, drop: null, toward: 'app' });
    expect(planProxy({ target: 'ws://h:1', drop: 'secret' }).rules?.drop).toEqual(/secret/);
    expect(() => planProxy({ target: 'ws://h:1', dropRate: '2' })).toThrow(
      '--drop-rate takes a share from 0 to 1',
    );
    expect(() => planProxy({ target: 'ws://h:1', drop: '(' })).toThrow(/^--drop: not a regular expression/);
    expect(() => planProxy({ target: 'ws://h:1', rulesToward: 'app' })).toThrow(
      '--rules-toward goes with --latency, --jitter, --drop or --drop-rate',
    );
  });
});
