// The Playwright export (issue 7 part 5) runs as a real Playwright test against a page: the
// generated files go to a temp dir with a tiny app page, and @playwright/test's own runner runs
// them in Debian's Chromium. No WebSocket server listens: routeWebSocket is the server.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toPlaywrightFixture } from '../../shared/interchange/export/playwright.js';
import { CHROMIUM } from '../peers/chromium.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { recordChatSession, type RecordedSession } from './export-recording.test-util.js';

const peers = await requirePeers('chromium');
const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let session: RecordedSession;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wstap-pw-'));
  session = await recordChatSession(dir, { second: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONFIG = `import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: '.',
  workers: 1,
  expect: { timeout: 3000 },
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: ${JSON.stringify(CHROMIUM)},
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
`;

/** A tiny app: connects to the chat, sends requests with ids of its own, lists what comes back. */
function appPage(url: string): string {
  return `<!doctype html><meta charset="utf-8"><title>chat</title><ul id="log"></ul><script>
  const ws = new WebSocket(${JSON.stringify(url)});
  const log = (text) => { const li = document.createElement('li'); li.textContent = text; document.getElementById('log').append(li); };
  ws.onmessage = (e) => log(e.data);
  ws.onclose = (e) => log('closed ' + e.code + ' ' + e.reason);
  ws.onopen = () => {
    ws.send(JSON.stringify({ type: 'ping', id: 42 }));
    ws.send('not in the recording');
    ws.send(JSON.stringify({ type: 'say', id: 43, text: 'hi all' }));
    ws.send('hello');
    ws.send('bye');
  };
</script>`;
}

function appSpec(url: string): string {
  return `import { test, expect } from './chat.fixture';

test('the app gets the recorded answers, with its own ids', async ({ page, recordedServer }) => {
  await page.goto(new URL('./app.html', 'file://' + __dirname + '/').href);
  const log = page.locator('#log li');
  await expect(log).toHaveText([
    '{"type":"welcome","room":"/chat"}',
    '{"type":"pong","id":42}',
    '{"type":"ack","id":43}',
    '{"type":"said","text":"hi all"}',
    'hello',
    'see you',
    'closed 4000 room closed',
  ]);
  expect(recordedServer.unmatched).toEqual(['not in the recording']);
  expect(recordedServer.connections).toEqual([${JSON.stringify(url)}]);
});
`;
}

/** Type errors of a generated file, checked strictly against the real @playwright/test types. */
function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

interface JsonReport {
  readonly stats: { readonly expected: number; readonly unexpected: number; readonly skipped: number };
  readonly errors: readonly unknown[];
}

/** A Playwright project in its own folder with these files; the runner and its specs share one @playwright/test. */
async function project(name: string, files: Record<string, string>): Promise<string> {
  const folder = join(dir, name);
  await mkdir(folder);
  await symlink(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
  for (const [file, text] of Object.entries({ ...files, 'playwright.config.ts': CONFIG }))
    await writeFile(join(folder, file), text);
  return folder;
}

async function playwrightTest(folder: string): Promise<JsonReport> {
  const cli = join(ROOT, 'node_modules/@playwright/test/cli.js');
  const result = await run(
    process.execPath,
    [cli, 'test', '-c', join(folder, 'playwright.config.ts'), '--reporter=json'],
    {
      cwd: folder,
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((error: { stdout?: string; stderr?: string }) => error);
  const report = JSON.parse(result.stdout ?? '{}') as JsonReport;
  if (report.stats === undefined) throw new Error(`no report from playwright: ${result.stderr ?? ''}`);
  return report;
}

describeWithPeers(peers, 'toPlaywrightFixture', () => {
  it('type-checks strictly and passes as a real Playwright test, its self-test and an app page', async () => {
    const spec = toPlaywrightFixture(session.conversation, {
      source: 'chat.wstap.jsonl',
      output: 'chat.spec.ts',
    });
    const fixture = toPlaywrightFixture(session.conversation, { connections: [1], selfTest: false });
    expect(spec).toContain('npx playwright test chat.spec.ts');
    expect(spec).toContain('// left out when client messages are matched: $.id');
    expect(fixture).not.toContain('test(');
    const folder = await project('ok', {
      'chat.spec.ts': spec,
      'chat.fixture.ts': fixture,
      'app.html': appPage(session.url),
      'app.spec.ts': appSpec(session.url),
    });
    expect(typeErrors(join(folder, 'chat.spec.ts'))).toEqual([]);

    const report = await playwrightTest(folder);
    expect(report.errors).toEqual([]);
    expect(report.stats).toMatchObject({ expected: 2, unexpected: 0, skipped: 0 });
  });

  it('fails when the page is not answered as recorded', async () => {
    // The same app against a recording whose pong carried another id field: the assertion must fail.
    const changed = {
      ...session.conversation,
      connections: session.conversation.connections.map((c) => ({
        ...c,
        messages: c.messages.map((m) =>
          m.text === '{"type":"pong","id":1}' ? { ...m, text: '{"type":"pong"}' } : m,
        ),
      })),
    };
    const folder = await project('changed', {
      'chat.fixture.ts': toPlaywrightFixture(changed, { connections: [1], selfTest: false }),
      'app.html': appPage(session.url),
      'app.spec.ts': appSpec(session.url),
    });
    const report = await playwrightTest(folder);
    expect(report.stats).toMatchObject({ expected: 0, unexpected: 1, skipped: 0 });
  });
});
