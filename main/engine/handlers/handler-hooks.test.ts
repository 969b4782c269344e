import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FakePort, fakeUpgrade } from './fake-port.test-util.js';
import { createHandlerBehaviour, handlerHooks } from './handler-hooks.js';
import { fixture, loaded, markedPosition, tempFolders, textMessage } from './handlers.test-util.js';

const folder = tempFolders();

describe('handler hooks: a failing handler never throws at the server', () => {
  const file = fixture('failing.mjs');

  async function failure(text: string): Promise<string> {
    const port = new FakePort();
    await handlerHooks(await loaded(file), file).onMessage(port, textMessage(text));
    expect(port.errors).toHaveLength(1);
    expect(port.errors[0]!.code).toBe('HANDLER_FAILED');
    return port.errors[0]!.message;
  }

  test('a sync throw is reported at the handler line', async () => {
    expect(await failure('throw')).toBe(
      `${markedPosition(file, 'throw')}: TypeError: sync failure (in onMessage)`,
    );
  });

  test('a rejected async hook is reported at the handler line', async () => {
    expect(await failure('reject')).toBe(`${markedPosition(file, 'reject')}: async failure (in onMessage)`);
  });

  test('an error thrown by wstap code the handler called points at the handler call', async () => {
    const [, line] = markedPosition(file, 'json').split(':');
    expect(await failure('json')).toMatch(
      new RegExp(`^${file}:${line}:\\d+: SyntaxError: message 1 is not JSON .* \\(in onMessage\\)$`),
    );
  });

  test('a thrown non-Error has no line and says so', async () => {
    expect(await failure('string')).toBe(
      `${file}: not an error (a thrown string: throw an Error to see the line) (in onMessage)`,
    );
  });

  test('a throwing timer callback is reported and the connection goes on', async () => {
    const port = new FakePort();
    const hooks = handlerHooks(await loaded(file), file);
    await hooks.onConnect(port);
    const [code, message] = await port.waitFor('error');
    expect([code, message]).toEqual([
      'HANDLER_FAILED',
      `${markedPosition(file, 'timer')}: RangeError: timer failed (in a ctx.setTimeout callback)`,
    ]);
    await hooks.onMessage(port, textMessage('ok'));
    expect(port.sent).toEqual([{ kind: 'text', text: 'fine' }]);
  });

  test('an error outside the handler file names the file and the top frame', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'lib.mjs'), "export function explode() {\n  throw new Error('deep');\n}\n");
    const handler = join(dir, 'h.mjs');
    await writeFile(
      handler,
      "import { explode } from './lib.mjs';\nexport const onConnect = () => Promise.resolve().then(explode);\n",
    );
    const port = new FakePort();
    await handlerHooks(await loaded(handler), handler).onConnect(port);
    expect(port.errors[0]!.message).toBe(`${handler}: deep (in onConnect), at ${join(dir, 'lib.mjs')}:2:9`);
  });
});

describe('createHandlerBehaviour', () => {
  test('accepts every upgrade and picks the first offered subprotocol the module speaks', async () => {
    const file = fixture('counter.cjs');
    const behaviour = createHandlerBehaviour(file, { module: await loaded(file) });
    expect(behaviour.name).toBe('handler counter.cjs');
    expect(await behaviour.handshake(fakeUpgrade({ subprotocols: ['x', 'count.v1'] }))).toEqual({
      accept: true,
      subprotocol: 'count.v1',
      note: 'handler counter.cjs',
    });
    expect(await behaviour.handshake(fakeUpgrade({ subprotocols: ['x'] }))).toMatchObject({
      accept: true,
      subprotocol: null,
    });
    const echo = createHandlerBehaviour(fixture('echo.mjs'), {
      module: await loaded(fixture('echo.mjs')),
      name: 'echo',
    });
    expect(echo.name).toBe('echo');
    expect(await echo.handshake(fakeUpgrade({ subprotocols: ['chat'] }))).toMatchObject({
      accept: true,
      subprotocol: null,
    });
  });

  test("uses the module's handshake(): true, false or a decision", async () => {
    const file = fixture('typed.ts');
    const behaviour = createHandlerBehaviour(file, { module: await loaded(file) });
    expect(await behaviour.handshake(fakeUpgrade({ path: '/ok', subprotocols: ['greet.v1'] }))).toMatchObject(
      { accept: true, subprotocol: 'greet.v1' },
    );
    expect(await behaviour.handshake(fakeUpgrade({ path: '/forbidden' }))).toEqual({
      accept: false,
      status: 403,
      note: 'typed.ts: handshake() returned false',
    });
    const decided = createHandlerBehaviour('/h.mjs', {
      module: { handshake: () => ({ accept: false, status: 401, body: 'token?' }) },
    });
    expect(await decided.handshake(fakeUpgrade())).toEqual({ accept: false, status: 401, body: 'token?' });
  });

  test('a failing or malformed handshake() refuses with 500 and says why', async () => {
    const thrower = createHandlerBehaviour('/h.mjs', {
      module: {
        handshake: () => {
          throw new Error('no');
        },
      },
    });
    expect(await thrower.handshake(fakeUpgrade())).toMatchObject({
      accept: false,
      status: 500,
      note: expect.stringMatching(/^\/h\.mjs: no \(in handshake\)/),
    });
    const odd = createHandlerBehaviour('/h.mjs', { module: { handshake: () => ({ accept: 'yes' }) } });
    expect(await odd.handshake(fakeUpgrade())).toMatchObject({
      status: 500,
      note: '/h.mjs: handshake() returned {"accept":"yes"}; return true, false, {accept: true} or {accept: false, status: 403}',
    });
  });

  test('runs a connection end to end: open, messages, close, timers cleared', async () => {
    const file = fixture('echo.mjs');
    const behaviour = createHandlerBehaviour(file, { module: await loaded(file) });
    const port = new FakePort({ upgrade: { path: '/room' } });
    await behaviour.open(port);
    await behaviour.message(port, textMessage('hi', 1));
    await behaviour.message(port, { type: 'binary', text: null, bytes: Uint8Array.of(1, 2), index: 2 });
    port.end();
    await behaviour.closed(port, 1000, 'done');
    expect(port.sent).toEqual([
      { kind: 'text', text: 'hello /room' },
      { kind: 'text', text: 'hi' },
      { kind: 'binary', bytes: Buffer.of(1, 2) },
    ]);
    expect(port.argsOf('log')).toEqual([['closed 1000 done', undefined]]);
    expect(port.errors).toEqual([]);
  });

  test('timers a handler started do not fire after the connection closed', async () => {
    const file = join(await folder(), 'ticker.mjs');
    await writeFile(
      file,
      "export function onConnect(ctx) {\n  ctx.setInterval(() => ctx.send('tick'), 5);\n}\n",
    );
    const behaviour = createHandlerBehaviour(file, { module: await loaded(file) });
    const port = new FakePort();
    await behaviour.open(port);
    await port.waitFor('send');
    port.end();
    await behaviour.closed(port, 1006, '');
    expect(port.activeTimers).toBe(0);
  });

  test('state written before a reload is seen by the reloaded module', async () => {
    const file = join(await folder(), 'live.mjs');
    const version = (v: string): string =>
      `export function onMessage(ctx) {\n  ctx.state.seen = [...(ctx.state.seen ?? []), '${v}'];\n  ctx.send(ctx.state.seen);\n}\n`;
    await writeFile(file, version('v1'));
    const port = new FakePort();
    await createHandlerBehaviour(file, { module: await loaded(file) }).message(port, textMessage('a'));
    await writeFile(file, version('v2'));
    await createHandlerBehaviour(file, { module: await loaded(file) }).message(port, textMessage('b', 2));
    expect(port.sent.at(-1)).toEqual({ kind: 'json', value: ['v1', 'v2'] });
  });
});
