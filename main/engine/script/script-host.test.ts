// The engine API the desktop's script editor uses: runScript streams script events (start, logs,
// end) and the script's connections as ordinary sessions tagged with its name; stop() ends it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptServer, type ScriptServer } from './script.test-util.js';
import type { SessionEvent } from '../../../shared/model/events.js';
import { buildCliOnce, ROOT } from '../../cli/bin.test-util.js';
import { createEngine } from '../engine.js';

let dir: string;
let url: string;
let server: ScriptServer;
const workerFile = join(ROOT, 'out/cli/script-worker.cjs');

beforeAll(async () => {
  server = await startScriptServer('wstap-script-host-');
  ({ dir, url } = server);
  await buildCliOnce();
}, 240_000);

afterAll(() => server.close());

describe('engine.runScript', () => {
  it('streams the script’s events and its tagged sessions; the result counts expectations', async () => {
    const file = join(dir, 'talk.ws.mjs');
    writeFileSync(
      file,
      [
        "import { connect, args, log } from 'wstap';",
        'const c = await connect(args[0]);',
        "await c.send('hi');",
        "await c.expect('hi');",
        "console.log('from console');",
        "log('from log');",
        'await c.close();',
      ].join('\n'),
    );
    const engine = createEngine();
    const events: SessionEvent[] = [];
    engine.subscribe((event) => events.push(event), { frames: false });
    const run = engine.runScript({ file, args: [url], workerFile });
    const result = await run.result;
    await engine.dispose();
    expect(result).toMatchObject({
      outcome: 'passed',
      failure: null,
      passed: 1,
      failed: 0,
      name: 'talk.ws.mjs',
    });
    const script = events.filter((e) => e.type === 'script');
    expect(script.map((e) => [e.phase, e.message])).toEqual([
      ['start', file],
      ['log', 'from console'],
      ['log', 'from log'],
      ['end', result.report],
    ]);
    expect(events.find((e) => e.type === 'connecting')).toMatchObject({
      script: 'talk.ws.mjs',
      url: `${url}/`,
    });
    expect(
      events.filter((e) => e.type === 'message').map((e) => e.type === 'message' && [e.dir, e.text]),
    ).toEqual([
      ['out', 'hi'],
      ['in', 'hi'],
    ]);
  });

  it('stop() ends a waiting script: outcome stopped, its connection closed with 1001', async () => {
    const file = join(dir, 'waits.ws.mjs');
    writeFileSync(
      file,
      [
        "import { connect, args, log } from 'wstap';",
        'const c = await connect(args[0]);',
        "log('waiting');",
        "await c.expect('never', { timeout: 60000 });",
      ].join('\n'),
    );
    const engine = createEngine();
    const closed = new Promise<SessionEvent>((resolve) =>
      engine.subscribe((e) => e.type === 'closed' && resolve(e), { frames: false }),
    );
    const logged = new Promise<void>((resolve) =>
      engine.subscribe((e) => e.type === 'script' && e.phase === 'log' && resolve(), { frames: false }),
    );
    const run = engine.runScript({ file, args: [url], workerFile });
    await logged;
    run.stop();
    expect(await run.result).toMatchObject({ outcome: 'stopped' });
    expect(await closed).toMatchObject({ initiator: 'us', code: 1001 });
    await engine.dispose();
  });
});
