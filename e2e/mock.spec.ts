// Issue 10, mock servers must show: a mock started from a file answers a real client; an edit
// saved in the panel's editor hot-reloads it (a `reload` ok) and the next message meets the new
// rule; a broken edit is underlined where it is wrong, refused on save, and the old behaviour
// stays. Also writes docs/screenshots/mock.png when WSTAP_SCREENSHOTS=1. And a recording of a
// session with the gorilla echo served from the panel as a replay server with its options
// (correlate $.id, no delays, close on a mismatch): a Chromium page gets the recorded replies
// with its own ids, and 1008 for a message the recording lacks.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openPageSocket } from '../test/peers/chromium.js';
import { WSTAP_BIN } from './fixtures/build-output.js';
import { readmeScreenshot } from './fixtures/screenshots.js';
import { expect, test } from './fixtures/test.js';
import { MockPage } from './pages/MockPage.js';

const definition = (pong: string, extra = ''): string => `# A small chat backend for the console's e2e
routes:
  - path: /chat
    onConnect:
      - reply: { json: { type: welcome, conn: "{{conn.id}}" } }
    rules:
      - name: ping
        match: { json: $.type, equals: ping }
        then:
          - reply: { json: { type: ${pong}, id: "{{$.id}}" } }
      - name: shout
        match: { regex: "^shout (?<word>.+)$" }
        then:
          - reply: "{{word}}!"
${extra}    fallback:
      - reply: "unknown: {{text}}"
`;

/** The same definition with a typo in a match kind: `jsno:` is not a key a match has. */
const BROKEN = definition('pong-v3').replace('match: { json: $.type', 'match: { jsno: $.type');

test('a mock from a file: its replies, hot reload on save, a broken edit refused', async ({ app, page }) => {
  const { inspector, composer } = app;
  const mock = new MockPage(page);
  const dir = await mkdtemp(join(tmpdir(), 'wstap-e2e-mock-'));
  const file = join(dir, 'chat.yaml');
  await writeFile(file, definition('pong-v1'));
  try {
    const server = await test.step('start a mock server from the file', async () => {
      await mock.show();
      const card = await mock.startMock(file);
      await expect(card).toHaveAttribute('data-kind', 'mock');
      await expect(card).toContainText('mock chat.yaml');
      // Its definition opens in the editor.
      await expect(mock.editorContent).toContainText('type: pong-v1');
      return card;
    });
    const url = await mock.urlOf(server);
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);

    const client = await test.step('a client connects and gets the mock replies', async () => {
      const conn = await app.connectTo(`${url}/chat`);
      // The mock compresses (permessage-deflate): messages show their inflated text.
      await inspector.setMode('messages');
      await expect(inspector.rowsOf('in', 'text').first()).toContainText('"type":"welcome"');
      await composer.send('{"type":"ping","id":1}', { mode: 'json' });
      await expect(inspector.rowsWithPreview('{"type":"pong-v1","id":1}')).toHaveCount(1);
      await composer.send('shout hey');
      await expect(inspector.rowsWithPreview('hey!')).toHaveCount(1);
      return conn;
    });

    await test.step('the server lists its client; clicking it selects that connection', async () => {
      await mock.show();
      const rows = mock.clients(server);
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText('/chat');
      const serverSide = await rows.first().getAttribute('data-conn');
      expect(serverSide).not.toBe(client);
      await rows.first().getByTestId('mock-client-inspect').click();
      await expect(app.tab('inspector')).toHaveAttribute('aria-selected', 'true');
      await expect(app.selectedSession()).toHaveAttribute('data-conn', serverSide!);
      await app.session(client).click();
      await expect(app.selectedSession()).toHaveAttribute('data-conn', client);
    });

    await test.step('edit and save: the server reloads and the next ping meets the new rule', async () => {
      await mock.show();
      await mock.replaceText(definition('pong-v2'));
      await expect(mock.validity).toHaveAttribute('data-ok', 'true');
      await mock.saveAndReload(0);
      await expect(mock.reload).toHaveAttribute('data-ok', 'true');
      await expect(mock.reload).toContainText('applied; 1 connected client kept');
      expect(await readFile(file, 'utf8')).toBe(definition('pong-v2'));
      await composer.setCollapsed(true);
      await readmeScreenshot(page, 'mock');
      await composer.setCollapsed(false);
      await app.showTab('inspector');
      await composer.send('{"type":"ping","id":2}', { mode: 'json' });
      await expect(inspector.rowsWithPreview('{"type":"pong-v2","id":2}')).toHaveCount(1);
    });

    await test.step('a broken edit: underlined inline, refused on save, the old behaviour stays', async () => {
      await mock.show();
      await mock.replaceText(BROKEN);
      await expect(mock.validity).toHaveAttribute('data-ok', 'false');
      await expect(mock.problems.first()).toContainText('routes[0].rules[0].match');
      await expect(mock.problems.first()).toContainText("did you mean 'json'");
      await expect(mock.problems.first()).toHaveAttribute('data-line', '8');
      await expect(mock.inlineErrors.first()).toHaveText('{ jsno: $.type, equals: ping }');
      await mock.saveAndReload(1);
      await expect(mock.reload).toHaveAttribute('data-ok', 'false');
      await expect(mock.reload).toContainText('chat.yaml:8:');
      await app.showTab('inspector');
      await composer.send('{"type":"ping","id":3}', { mode: 'json' });
      await expect(inspector.rowsWithPreview('{"type":"pong-v2","id":3}')).toHaveCount(1);
      await expect(inspector.rowsWithPreview('{"type":"pong-v3","id":3}')).toHaveCount(0);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a recording served from the panel as a replay server with its options', async ({
  app,
  echoPeer,
  browser,
  page,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'wstap-e2e-replay-'));
  try {
    const recording = join(dir, 'echo.jsonl');
    // The real CLI records two requests with ids and gorilla's echoes of them.
    await promisify(execFile)(process.execPath, [
      WSTAP_BIN,
      'connect',
      echoPeer.url,
      '-x',
      '{"id":1,"text":"first"}',
      '-x',
      '{"id":2,"text":"second"}',
      '-w',
      '1',
      '--record',
      recording,
    ]);
    const mock = new MockPage(page);
    await mock.show();
    const server = await mock.startReplay(recording, {
      speed: 'max',
      correlate: '$.id',
      onMismatch: 'close',
    });
    await expect(server).toHaveAttribute('data-kind', 'replay');
    await expect(server).toContainText('replay echo.jsonl, 1 connection, no delays');
    const url = await mock.urlOf(server);

    const client = await openPageSocket(browser, `${url}/echo`);
    await client.next('open');
    await test.step('the recorded replies, with the live ids ($.id correlated)', async () => {
      await client.send('{"id":"a1","text":"first"}');
      expect(await client.next('message')).toEqual({ type: 'message', text: '{"id":"a1","text":"first"}' });
      await client.send('{"id":"a2","text":"second"}');
      expect(await client.next('message')).toEqual({ type: 'message', text: '{"id":"a2","text":"second"}' });
    });
    await test.step('a message the recording lacks: closed with 1008', async () => {
      await client.send('{"id":"a3","text":"third"}');
      expect(await client.next('close')).toMatchObject({
        type: 'close',
        code: 1008,
        reason: 'message not in the recording',
      });
    });
    await expect(mock.clients(server)).toHaveCount(0);
    // The served connection is an inspector connection like any other: the request and its reply.
    await app.showTab('inspector');
    await app.inspector.setMode('messages');
    await expect(app.inspector.rowsWithPreview('{"id":"a1","text":"first"}')).toHaveCount(2);
    await client.page.context().close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
