import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail } from '../../../shared/ipc/result.js';
import { echo, startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { EngineError } from '../errors.js';
import { startTestConsole, type TestConsole } from './console.test-util.js';
import { dispatch } from './dispatch.js';

let console_: TestConsole;
let server: TestServer | undefined;
afterEach(async () => {
  await console_?.close();
  await server?.close();
  server = undefined;
  vi.restoreAllMocks();
});

describe('dispatch', () => {
  it('refuses names that are not channels, prototype keys included', async () => {
    console_ = await startTestConsole();
    for (const name of ['nope', '__proto__', 'toString', 42, null]) {
      const result = await dispatch(console_.service.handlers, name, null);
      expect(result.ok === false && result.error.code).toBe('UNKNOWN_COMMAND');
    }
    const long = await dispatch(console_.service.handlers, 'x'.repeat(10_000), null);
    expect(!long.ok && long.error.message.length).toBeLessThan(120);
  });

  it('refuses input of the wrong shape with the path of the field', async () => {
    console_ = await startTestConsole();
    const call = (channel: string, input: unknown) => dispatch(console_.service.handlers, channel, input);
    expect(await call('session.send', { session: 1 })).toEqual(fail('BAD_INPUT', 'input.message: missing'));
    expect(await call('session.connect', { url: 'x', extra: 1 })).toEqual(
      fail('BAD_INPUT', 'input.extra: unknown field'),
    );
    expect(await call('app.info', { a: 1 })).toEqual(fail('BAD_INPUT', 'input: expected no input'));
    expect((await call('app.info', undefined)).ok).toBe(true);
  });

  it('maps an engine refusal to its code and any other throw to INTERNAL without a stack', async () => {
    console_ = await startTestConsole();
    const call = (channel: string, input: unknown) => dispatch(console_.service.handlers, channel, input);
    const unknown = await call('session.send', { session: 99, message: { kind: 'text', text: 'x' } });
    expect(unknown).toEqual(fail('UNKNOWN_SESSION', 'no session 99'));
    expect((await call('session.connect', { url: 'ftp://example.com' })).ok === false).toBe(true);
    expect(await call('session.connect', { url: 'ftp://example.com' })).toMatchObject({
      error: { code: 'INVALID_URL' },
    });

    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const broken = {
      ...console_.service.handlers,
      'store.stats': () => Promise.reject(new TypeError('cannot read x of undefined')),
      'app.info': () => {
        throw new EngineError('LISTEN_FAILED', 'port in use');
      },
    };
    const internal = await dispatch(broken, 'store.stats', null);
    expect(internal).toEqual(fail('INTERNAL', 'store.stats failed unexpectedly: cannot read x of undefined'));
    expect(stderr).toHaveBeenCalledWith(
      expect.stringContaining('TypeError: cannot read x of undefined\n    at'),
    );
    expect(await dispatch(broken, 'app.info', null)).toEqual(fail('LISTEN_FAILED', 'port in use'));
  });

  it('returns the engine codes of commands it refuses on an open session', async () => {
    server = await startTestServer(echo);
    console_ = await startTestConsole();
    const { session } = await console_.connect({ url: server.url });
    const close = await console_.call('session.close', { session, code: 1005 });
    expect(!close.ok && close.error.code).toBe('CLOSE_CODE_NOT_ALLOWED');
    const ping = await console_.call('session.ping', { session, payload: { text: 'p'.repeat(126) } });
    expect(!ping.ok && ping.error.code).toBe('CONTROL_PAYLOAD_TOO_LONG');
    const raw = await console_.call('session.sendRaw', {
      session,
      frames: [{ opcode: 1 }, { opcode: 9, payload: { text: 'x'.repeat(200) }, lengthBits: 7 }],
    });
    expect(raw).toEqual(
      fail('BAD_INPUT', 'input.frames[1].lengthBits: a length of 200 does not fit the 7-bit field'),
    );
    const binary = await console_.call('session.send', {
      session,
      message: { kind: 'binary', base64: 'not base64!' },
    });
    expect(binary).toEqual(fail('BAD_INPUT', 'input.message.base64: not valid base64'));
    expect(await console_.call('session.setAutoPong', { session, on: false })).toEqual({
      ok: true,
      value: null,
    });
    expect(await console_.call('session.pong', { session, payload: { base64: 'AAE=' } })).toEqual({
      ok: true,
      value: null,
    });
  });
});
