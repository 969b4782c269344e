// The script editor's commands against a real engine and a real ws echo server: files listed,
// written and read in a temp folder; a run that passes, one that fails with its line, one stopped;
// the connections a run opened and its log lines; completions from types/script.d.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptRunInfo } from '../../../shared/ipc/script-commands.js';
import type { SessionEvent } from '../../../shared/model/events.js';
import { buildCliOnce, ROOT } from '../../cli/bin.test-util.js';
import { createEngine, type Engine } from '../engine.js';
import { startScriptServer, type ScriptServer } from '../script/script.test-util.js';
import { scriptHandlers } from './script-handlers.js';

const workerFile = join(ROOT, 'out/cli/script-worker.cjs');
let server: ScriptServer;
let engine: Engine;
let dataDir: string;
let handlers: ReturnType<typeof scriptHandlers>;
const events: SessionEvent[] = [];

beforeAll(async () => {
  server = await startScriptServer('wstap-script-handlers-');
  dataDir = mkdtempSync(join(tmpdir(), 'wstap-script-data-'));
  await buildCliOnce();
  engine = createEngine();
  engine.subscribe((e) => events.push(e), { frames: false });
  // The worker of the CLI build: vitest runs the sources, where no compiled worker sits beside them.
  handlers = scriptHandlers(
    { runScript: (o) => engine.runScript({ ...o, workerFile }), subscribe: engine.subscribe },
    dataDir,
  );
}, 240_000);

afterAll(async () => {
  await engine.dispose();
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function value<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Resolves when the run's `end` event has come (event-driven: checked on each engine event). */
function ended(run: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => events.some((e) => e.type === 'script' && e.run === run && e.phase === 'end');
    if (done()) return resolve();
    const off = engine.subscribe(
      () => {
        if (done()) {
          off();
          resolve();
        }
      },
      { frames: false },
    );
  });
}

async function finished(run: number): Promise<ScriptRunInfo> {
  await ended(run);
  return (await value(handlers['script.output']({ run, from: 0 }))).info;
}

describe('script files', () => {
  it('lists the default folder (created), writes and reads a script, refuses non-scripts and relative paths', async () => {
    const empty = await value(handlers['script.list']({}));
    expect(empty).toEqual({ dir: join(dataDir, 'scripts'), files: [] });
    const path = join(empty.dir, 'a.ws.ts');
    const entry = await value(handlers['script.write']({ path, text: 'log(1);\n' }));
    expect(entry).toMatchObject({ name: 'a.ws.ts', path, size: 8 });
    expect(await value(handlers['script.read']({ path }))).toEqual({ path, text: 'log(1);\n' });
    expect((await value(handlers['script.list']({}))).files.map((f) => f.name)).toEqual(['a.ws.ts']);

    const notScript = await handlers['script.write']({ path: join(empty.dir, 'x.sh'), text: 'rm -rf /' });
    expect(notScript).toMatchObject({ ok: false, error: { code: 'SCRIPT_FILE' } });
    const relative = await handlers['script.read']({ path: 'a.ws.ts' });
    expect(relative).toMatchObject({ ok: false, error: { code: 'SCRIPT_FILE', message: /absolute path/ } });
    const missing = await handlers['script.list']({ dir: join(dataDir, 'nope') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'SCRIPT_FILE', message: /no such file/ } });
  });
});

describe('script runs', () => {
  it('runs a passing script: its log lines, its connection, the outcome', async () => {
    const path = join(server.dir, 'pass.ws.ts');
    const script = [
      "import { connect, args, log } from 'wstap';",
      'const c = await connect(args[0]);',
      "await c.send('hi');",
      "await c.expect('hi');",
      "log('got it');",
      'await c.close();',
    ].join('\n');
    await value(handlers['script.write']({ path, text: script }));
    const started = await value(handlers['script.run']({ path, args: [server.url] }));
    expect(started).toMatchObject({ name: 'pass.ws.ts', state: 'running', file: path });
    const info = await finished(started.run);
    expect(info).toMatchObject({ state: 'ended', outcome: 'passed', failure: null, passed: 1, failed: 0 });
    expect(info.conns).toHaveLength(1);
    const connecting = events.find((e) => e.type === 'connecting' && e.conn === info.conns[0]);
    expect(connecting).toMatchObject({ script: 'pass.ws.ts' });
    const out = await value(handlers['script.output']({ run: started.run, from: 0 }));
    expect(out.lines).toEqual([{ level: 'info', text: 'got it' }]);
    expect((await value(handlers['script.output']({ run: started.run, from: 1 }))).lines).toEqual([]);
    expect((await value(handlers['script.runs'](null))).map((r) => r.run)).toContain(started.run);
  });

  it('reports a failed expectation at the script’s own line', async () => {
    const path = join(server.dir, 'fail.ws.ts');
    const script = [
      "import { connect, args } from 'wstap';",
      'const c = await connect(args[0]);',
      "await c.send('hi');",
      "await c.expect('bye', { timeout: 300 });",
    ].join('\n');
    await value(handlers['script.write']({ path, text: script }));
    const started = await value(handlers['script.run']({ path, args: [server.url] }));
    const info = await finished(started.run);
    expect(info.outcome).toBe('expectation');
    expect(info.failure).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4:\\d+: `));
  });

  it('stops a long-running script', async () => {
    const path = join(server.dir, 'loop.ws.mjs');
    const script = "import { sleep, log } from 'wstap';\nlog('waiting');\nawait sleep(60_000);\n";
    await value(handlers['script.write']({ path, text: script }));
    const started = await value(handlers['script.run']({ path }));
    await new Promise<void>((resolve) => {
      const off = engine.subscribe(
        (e) => {
          if (e.type === 'script' && e.run === started.run && e.phase === 'log') {
            off();
            resolve();
          }
        },
        { frames: false },
      );
    });
    expect(await value(handlers['script.stop']({ run: started.run }))).toBeNull();
    expect((await finished(started.run)).outcome).toBe('stopped');
    expect(await handlers['script.stop']({ run: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_RUN' },
    });
  });

  it('refuses to run a file that is not there', async () => {
    const result = await handlers['script.run']({ path: join(server.dir, 'none.ws.ts') });
    expect(result).toMatchObject({ ok: false, error: { code: 'SCRIPT_FILE' } });
  });
});

describe('script completions', () => {
  it('offers the API with signatures and docs: connect, Connection members, assert members', async () => {
    const entries = await value(handlers['script.completions'](null));
    const find = (owner: string | null, label: string) =>
      entries.find((e) => e.owner === owner && e.label === label);
    expect(find(null, 'connect')).toMatchObject({
      kind: 'function',
      detail: 'connect(url: string, options?: ConnectOptions): Promise<Connection>',
      info: expect.stringMatching(/^Opens a connection/),
    });
    expect(find('Connection', 'expect')).toMatchObject({
      kind: 'method',
      detail: 'expect(matcher: Matcher, options?: ExpectOptions): Promise<Message>',
      info: expect.stringMatching(/Waits for the next message that matches/),
    });
    expect(find('Assert', 'equal')).toMatchObject({
      kind: 'method',
      detail: expect.stringMatching(/^equal<T>\(actual/),
    });
    expect(find(null, 'assert')).toMatchObject({ kind: 'variable', detail: 'assert: Assert' });
    expect(find('Message', 'json')?.detail).toMatch(/^json<T = any>\(\): T/);
  });
});
