// Issue 10, recordings (must show): a HAR recorded by Playwright in Chromium from a page talking to
// the gorilla/websocket chat server is dropped on the Recordings panel, opened into the inspector,
// replayed against the same server with a clean report, then against a changed server (`-shout`)
// with the field-level difference shown side by side. Also: record the console's sessions to the
// data folder, list them, export to HAR. Writes docs/screenshots/replay.png when WSTAP_SCREENSHOTS=1.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { buildGoPeer, startGoPeer } from '../test/peers/build-go.js';
import type { RunningPeer } from '../test/peers/process.js';
import { readmeScreenshot } from './fixtures/screenshots.js';
import { expect, test } from './fixtures/test.js';
import { RecordingsPage } from './pages/RecordingsPage.js';
import { slowHar } from '../shared/interchange/har/slow-har.test-util.js';

/** The chat's volatile fields in -json mode (sender address, time, counter). */
const VOLATILE = '$.from $.at $.seq';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await buildGoPeer('chat');
});

/** A Chromium page (Playwright's HAR recorder on, messages embedded) says hello and bye in a chat room. */
async function recordHar(browser: Browser, url: string, harPath: string): Promise<void> {
  const context = await browser.newContext({ recordHar: { path: harPath, content: 'embed' } });
  const page = await context.newPage();
  await page.evaluate(
    (wsUrl) =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(wsUrl);
        let got = 0;
        ws.onopen = () => ws.send('hello');
        ws.onmessage = () => {
          got++;
          if (got === 1) ws.send('bye');
          else ws.close(1000, 'done');
        };
        ws.onclose = () => resolve();
        ws.onerror = () => reject(new Error('socket error'));
      }),
    url,
  );
  await context.close();
}

test('a Chromium HAR, dropped, opened, replayed clean and against a changed server', async ({
  app,
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), 'wstap-e2e-har-'));
  const peers: RunningPeer[] = [];
  try {
    const chat = await startGoPeer('chat', ['-json']);
    peers.push(chat);
    const har = join(dir, 'chat.har');
    await recordHar(browser, `ws://127.0.0.1:${chat.port}/ws/room1`, har);
    const recordings = new RecordingsPage(page);
    await recordings.show();

    await test.step('drop the HAR on the panel: its connection opens into the inspector', async () => {
      await recordings.drop(har);
      await expect(recordings.opened).toContainText('Opened har playwright: 1 connection');
      await expect(recordings.openedConnections).toHaveCount(1);
      await expect(recordings.openedConnections).toContainText(`ws://127.0.0.1:${chat.port}/ws/room1`);
      await expect(recordings.filePath).toHaveValue(/chat\.har$/);
      await recordings.openedConnections.getByRole('button').click();
      await expect(app.inspector.rows).toHaveCount(4);
      // Sent hello, its broadcast (JSON: the preview is cut before "text"), sent bye, its broadcast.
      await expect(app.inspector.row(0)).toContainText('hello');
      await app.inspector.row(1).click();
      await expect(app.inspector.detailPayload).toContainText('text: "hello"');
      await recordings.show();
    });

    await test.step('replay against the recorded server: clean once the volatile fields are ignored', async () => {
      await recordings.replay('', VOLATILE);
      await expect(recordings.verdict).toContainText('✓ matched: 1 connection replayed as recorded');
      await expect(recordings.progress).toHaveAttribute('aria-valuenow', '4');
      await expect(recordings.progressLabel).toContainText('finished');
    });

    await test.step('replay against a changed server (-shout): $.text differs, side by side', async () => {
      const shout = await startGoPeer('chat', ['-json', '-shout']);
      peers.push(shout);
      await recordings.replay(`ws://127.0.0.1:${shout.port}`, VOLATILE);
      await expect(recordings.verdict).toContainText('✗ 2 differences');
      await expect(recordings.findings).toHaveCount(2);
      const first = recordings.findings.first();
      await expect(first).toHaveAttribute('data-kind', 'different');
      await expect(first.getByTestId('replay-fields')).toContainText('$.text: "hello" → "HELLO"');
      const recorded = recordings.changedLines(recordings.side(first, 'recorded'));
      const live = recordings.changedLines(recordings.side(first, 'live'));
      await expect(recorded).toHaveCount(1);
      await expect(recorded).toContainText('"text": "hello"');
      await expect(live).toHaveCount(1);
      await expect(live).toContainText('"text": "HELLO"');
      // The room field is the same on both sides: shown, not highlighted.
      await expect(recordings.side(first, 'live')).toContainText('"room": "room1"');
      await recordings.findings.first().scrollIntoViewIfNeeded();
      await readmeScreenshot(page, 'replay');
    });
  } finally {
    for (const peer of peers) await peer.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('records the console’s sessions into the data folder, lists them, exports to HAR', async ({
  app,
  echoPeer,
  page,
}) => {
  const recordings = new RecordingsPage(page);
  await recordings.show();
  await recordings.recordStart.click();
  await expect(recordings.indicator).toBeVisible();
  await app.connectTo(echoPeer.url);
  await app.composer.send('recorded hello');
  await expect(app.inspector.rows.filter({ hasText: 'recorded hello' })).toHaveCount(2);
  await recordings.show();
  await recordings.recordStop.click();
  await expect(recordings.indicator).toHaveCount(0);
  await expect(recordings.files).toHaveCount(1);
  await expect(recordings.filePath).toHaveValue(/recordings[\\/]recording-.*\.jsonl$/);
  await recordings.exportRun.click();
  await expect(recordings.exportResult).toContainText(
    /wrote .*recording-.*\.har: har, 1 connection, 2 messages/,
  );
  const output = (await recordings.exportResult.locator('code').textContent()) ?? '';
  expect(await readFile(output, 'utf8')).toContain('recorded hello');
});

test('records one session from its sidebar row while another runs; the file holds only that session', async ({
  app,
  echoPeer,
  page,
}) => {
  const recordings = new RecordingsPage(page);
  const other = await app.connectTo(echoPeer.url);
  const recorded = await app.connectTo(`${echoPeer.url}?recorded`);
  const row = app.session(recorded);
  await row.getByTestId('row-record').click();
  const sidebarList = app.sidebar.getByTestId('sidebar-recordings').getByTestId('recording-active');
  await expect(sidebarList).toHaveCount(1);
  await expect(sidebarList).toHaveAttribute('data-scope', /^session \d+$/);
  await expect(row.getByTestId('row-record-stop')).toBeVisible();
  await expect(app.session(other).getByTestId('row-record')).toBeVisible();

  await app.composer.send('only this one');
  // Select by the URL line: the first line carries the row's buttons.
  await app.session(other).locator('.sb-url').click();
  await app.composer.send('not recorded');
  await expect(app.inspector.rows.filter({ hasText: 'not recorded' })).toHaveCount(2);
  await app.session(recorded).locator('.sb-url').click();
  await expect(app.inspector.rows.filter({ hasText: 'only this one' })).toHaveCount(2);
  await row.getByTestId('row-record-stop').click();
  await expect(sidebarList).toHaveCount(0);
  await expect(row.getByTestId('row-record')).toBeVisible();

  await recordings.show();
  await expect(recordings.files).toHaveCount(1);
  await expect(recordings.files).toContainText(/recording-.*-session-\d+\.jsonl/);
  await recordings.files.getByRole('button').click();
  await recordings.openButton.click();
  await expect(recordings.openedConnections).toHaveCount(1);
  await expect(recordings.openedConnections).toContainText('?recorded');
  await expect(recordings.openedConnections).toContainText('2 messages');
});

test('a timed replay of a slow recording, stopped mid-way', async ({ echoPeer, app: _app, page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'wstap-e2e-cancel-'));
  try {
    // Five messages 4 s apart: replayed with the recorded gaps, all of it would take 16 s.
    const har = join(dir, 'slow.har');
    await writeFile(har, JSON.stringify(slowHar(echoPeer.url, 5, 4)));
    const recordings = new RecordingsPage(page);
    await recordings.show();
    await recordings.drop(har);
    await expect(recordings.openedConnections).toHaveCount(1);
    await recordings.replayTimed();
    await expect(recordings.progressLabel).toContainText('replaying');
    // The first message went out and came back; the next is 4 s away.
    await echoPeer.process.waitForLine(/^MSG slow 1$/);
    await expect(recordings.progress).toHaveAttribute('aria-valuenow', '2');
    await recordings.cancelReplay();
    await expect(recordings.progressLabel).toContainText('finished', { timeout: 3_000 });
    await echoPeer.process.waitForLine(/^CLOSED \d+$/);
    expect(echoPeer.process.lines.filter((l) => l.startsWith('MSG '))).toEqual(['MSG slow 1']);
    await expect(recordings.progress).toHaveAttribute('aria-valuemax', '10');
    await expect(recordings.progress).toHaveAttribute('aria-valuenow', '2');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
