// `wstap run` with the real binary against a real ws server on loopback: every failure kind with
// the script's file:line:column and its exit code, the wall-clock limit, syntax errors, args/env.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startScriptServer, type ScriptServer } from '../../engine/script/script.test-util.js';
import { recordTexts } from '../../engine/recording/recording.test-util.js';
import { buildCliOnce, runBin } from '../bin.test-util.js';

let dir: string;
let url: string;
let server: ScriptServer;

beforeAll(async () => {
  server = await startScriptServer('wstap-run-');
  ({ dir, url } = server);
  await buildCliOnce();
}, 240_000);

afterAll(() => server.close());

/** Writes a script; returns its path. */
function script(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** "path:line:column" of the first line containing `marker`, column at `marker`'s start + `offset`. */
function at(path: string, marker: string, offset = 0): string {
  const lines = readFileSync(path, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(marker));
  return `${path}:${index + 1}:${lines[index]!.indexOf(marker) + 1 + offset}`;
}

const run = (file: string, ...extra: string[]) =>
  runBin(['run', file, ...extra, '--', url], { timeoutMs: 30_000 });

describe('wstap run', () => {
  it('passes: logs on stdout, session lines prefixed, a report line, exit 0', async () => {
    const file = script('pass.ws.ts', [
      "import { connect, assert, log, args, check } from 'wstap';",
      'const c = await connect(args[0]!);',
      "await c.send({ hello: 'world' });",
      "const m = await c.expect({ path: '$.hello', equals: 'world' });",
      "assert.deepEqual(m.json(), { hello: 'world' });",
      "check(c.messages.length === 1, 'one message');",
      'await c.sendBinary(new Uint8Array([1, 2, 3]));',
      "const b = await c.expect((msg) => msg.type === 'binary');",
      'log(`binary ${b.data.length} bytes, rtt ${typeof (await c.ping())}`);',
      'await c.close();',
    ]);
    const result = await run(file);
    expect(result.stderr).toContain('✓ pass.ws.ts: 4 expectations passed, 0 failed');
    expect(result.stdout).toContain('binary 3 bytes, rtt number');
    expect(result.stdout).toMatch(/^#1 > \+\d\.\d{3}s \[text 17 B\] \{"hello":"world"\}$/m);
    expect(result.stderr).toMatch(/#1 closed: we closed with 1000/);
    expect(result.code).toBe(0);
  });

  it("the server's pings reach on('ping'), and are answered", async () => {
    const file = script('pinged.mjs', [
      "import { connect, args, log } from 'wstap';",
      'const c = await connect(args[0]);',
      "const pinged = new Promise((resolve) => c.on('ping', resolve));",
      "await c.send('pingme');",
      "log('pinged:', (await pinged).payload);",
    ]);
    const result = await run(file, '-P');
    expect(result.stdout).toContain('pinged: are you there');
    expect(result.code).toBe(0);
  });

  it('a refused connect is a catchable ConnectError with the status and body; a send while reconnecting waits for the reopen', async () => {
    const refusing = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      verifyClient: (_info, done) => done(false, 401, 'no token'),
    });
    await new Promise((resolve) => refusing.once('listening', resolve));
    const refusingUrl = `ws://127.0.0.1:${(refusing.address() as { port: number }).port}`;
    const file = script('refusal.mjs', [
      "import { connect, args, assert, log } from 'wstap';",
      'try {',
      '  await connect(args[1]);',
      "  assert.fail('should have been refused');",
      '} catch (error) {',
      "  log(error.name, error.status, error.body, 'a\\\\b');",
      '}',
      'const opens = [];',
      'const c = await connect(args[0], { reconnect: { initialDelay: 50, jitter: 0 }, on: { open: (o) => opens.push(o.attempt) } });',
      "const lost = new Promise((resolve) => c.on('close', resolve));",
      "await c.send('drop');",
      'await lost;',
      "await c.send('after');",
      "await c.expect('after');",
      "log('opens', opens.join(','), c.state);",
      'await c.close();',
    ]);
    const result = await runBin(['run', file, '--', url, refusingUrl], { timeoutMs: 30_000 });
    refusing.close();
    expect(result.stdout).toContain('ConnectError 401 no token a\\b');
    expect(result.stdout).toContain('opens 1,2 open');
    expect(result.code).toBe(0);
  });

  it('a failed assertion: exit 9, the assert line and both values', async () => {
    const file = script('assert.ts', [
      "import { connect, assert, args } from 'wstap';",
      'const c = await connect(args[0]!);',
      "await c.send('ping');",
      'const m = await c.next();',
      "assert.equal(m.text, 'pong', 'the server answers pong');",
    ]);
    const result = await run(file);
    expect(result.stderr).toContain(
      `✗ ${at(file, 'equal(')}: the server answers pong (expected "pong", got "ping")`,
    );
    expect(result.stderr).toContain('1 expectation passed, 1 failed');
    expect(result.code).toBe(9);
  });

  it('an expectation that times out: exit 6, the expect line and what came instead', async () => {
    const file = script('expect.mts', [
      "import { connect, args } from 'wstap';",
      'const c = await connect(args[0]!);',
      "await c.send('one');",
      "await c.send('two');",
      'await c.expect(/^three/, { timeout: 300 });',
    ]);
    const result = await run(file);
    expect(result.stderr).toContain(
      `✗ ${at(file, 'expect(')}: #1: expected text matching /^three/ within 300 ms; 2 messages came and did not match: "one", "two"`,
    );
    expect(result.code).toBe(6);
  });

  it('an unexpected close: exit 10, the waiting line and the server’s close', async () => {
    const file = script('closed.mjs', [
      "import { connect, args } from 'wstap';",
      'const c = await connect(args[0]);',
      "await c.send('bye');",
      "await c.expect('never');",
    ]);
    const result = await run(file);
    expect(result.stderr).toContain(
      `✗ ${at(file, 'expect(')}: #1 while waiting for text "never": the connection was closed: `,
    );
    expect(result.stderr).toMatch(/4001/);
    expect(result.code).toBe(10);
  });

  it('a close the script expects passes, with its code checked', async () => {
    const file = script('expect-close.ts', [
      "import { connect, args, log } from 'wstap';",
      'const c = await connect(args[0]!);',
      "await c.send('bye');",
      'const info = await c.expectClose(4001);',
      'log(info.initiator, info.reason);',
      'const d = await connect(args[0]!);',
      "await d.send('drop');",
      'await d.expectClose(1000, { timeout: 2000 });',
    ]);
    const result = await run(file);
    expect(result.stdout).toContain('peer asked to leave');
    expect(result.stderr).toContain(
      `✗ ${at(file, 'expectClose(1000')}: #2: expected a close with 1000 (Normal Closure), got 1006 (Abnormal Closure)`,
    );
    expect(result.code).toBe(6);
  });

  it('a thrown error: exit 11 at the throwing line of a TypeScript helper module', async () => {
    script('helper.ts', [
      'export function parse(text: string): number {',
      "  if (text !== '42') throw new RangeError(`not the answer: ${text}`);",
      '  return 42;',
      '}',
    ]);
    const file = script('throws.ts', [
      "import { parse } from './helper.js';",
      "import { log } from 'wstap';",
      "log('before');",
      "parse('41');",
    ]);
    const result = await run(file);
    expect(result.stdout).toContain('before');
    expect(result.stderr).toContain(
      `✗ ${at(join(dir, 'helper.ts'), 'throw new', 6)}: RangeError: not the answer: 41`,
    );
    expect(result.code).toBe(11);
  });

  it('an endless loop is stopped by --timeout: exit 12, and its connection is closed', async () => {
    const file = script('loop.mjs', [
      "import { connect, args } from 'wstap';",
      'const c = await connect(args[0]);',
      'for (;;) {}',
    ]);
    const started = Date.now();
    const result = await run(file, '--timeout', '1s');
    expect(result.stderr).toContain('did not finish within 1000 ms (--timeout): stopped');
    expect(result.stderr).toMatch(/#1 closed: we closed with 1001 Going Away "script ended"/);
    expect(result.code).toBe(12);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('syntax errors: exit 2 with the line and column, TypeScript and JavaScript', async () => {
    const ts = script('broken.ts', ["import { log } from 'wstap';", 'const x: number = ;', 'log(x);']);
    const js = script('broken.mjs', ["import { log } from 'wstap';", 'log("a" "b");']);
    const tsRun = await run(ts);
    expect(tsRun.stderr).toContain(`✗ ${ts}:2:19: Expression expected. (TS1109)`);
    expect(tsRun.code).toBe(2);
    const jsRun = await run(js);
    expect(jsRun.stderr).toContain(`✗ ${js}:2:5: SyntaxError: missing ) after argument list`);
    expect(jsRun.code).toBe(2);
  });

  it('a refused connection: exit 3 naming the URL', async () => {
    const file = script('refused.mjs', [
      "import { connect } from 'wstap';",
      "await connect('ws://127.0.0.1:9/');",
    ]);
    const result = await run(file);
    expect(result.stderr).toContain(`✗ ${at(file, 'connect(', 0)}: ws://127.0.0.1:9/: `);
    expect(result.code).toBe(3);
  });

  it('failed checks do not stop the script; each is listed and the exit is 9', async () => {
    const file = script('checks.mjs', [
      "import { check, log } from 'wstap';",
      "check(1 === 2, 'first');",
      "check(true, 'second');",
      "check(false, 'third');",
      "log('went on');",
    ]);
    const result = await run(file);
    expect(result.stdout).toContain('went on');
    expect(result.stderr).toContain(`✗ ${at(file, 'check(1')}: check failed: first`);
    expect(result.stderr).toContain(`✗ ${at(file, 'check(false')}: check failed: third`);
    expect(result.stderr).toContain('1 expectation passed, 2 failed');
    expect(result.code).toBe(9);
  });

  it('args after --, env, and a missing file or wrong extension as one line with exit 2', async () => {
    const file = script('args.mjs', [
      "import { args, env, log, scriptName } from 'wstap';",
      "log(scriptName, args.join(','), env.WSTAP_TEST_VALUE);",
    ]);
    const result = await runBin(['run', file, '--', 'a', 'b c'], { env: { WSTAP_TEST_VALUE: 'xyz' } });
    expect(result.stdout).toContain('args.mjs a,b c xyz');
    const missing = await runBin(['run', join(dir, 'nope.ts')]);
    expect(missing.stderr).toContain(`${join(dir, 'nope.ts')}: no such file`);
    expect(missing.code).toBe(2);
    const wrong = await runBin(['run', join(dir, 'helper.txt')]);
    expect(wrong.stderr).toContain('a script must be a .js, .mjs, .ts or .mts file');
    expect(wrong.code).toBe(2);
  });

  it('--record keeps the connections (tagged with the script) and the script events', async () => {
    const file = script('recorded.mjs', [
      "import { connect, args, log } from 'wstap';",
      'const c = await connect(args[0]);',
      "await c.send('x');",
      "await c.expect('x');",
      "log('done');",
      'await c.close();',
    ]);
    const recording = join(dir, 'recorded.jsonl');
    const result = await run(file, '--record', recording, '-q');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('done');
    const lines = (await recordTexts(recording)).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((l) => l.type === 'connecting')).toMatchObject({ script: 'recorded.mjs' });
    expect(lines.filter((l) => l.type === 'script').map((l) => l.phase)).toEqual(['start', 'log', 'end']);
    expect(lines.find((l) => l.type === 'message-ref' && l.dir === 'in')).toBeDefined();
  });
});
