// Issue 10, script editor: a script written in the console's editor (with the API completing from
// types/script.d.ts) runs against the gorilla/websocket echo server and passes; edited to expect
// something else, it fails and names its line, which the editor jumps to; its connection's frames
// are one click away in the inspector; a long-running script is stopped. Writes the README's
// screenshot of the tab when WSTAP_SCREENSHOTS=1.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readmeScreenshot } from './fixtures/screenshots.js';
import { expect, test } from './fixtures/test.js';
import { ScriptPage } from './pages/script-page.js';

const script = (url: string, expected: string): string =>
  [
    "import { connect, log } from 'wstap';",
    `const conn = await connect(${JSON.stringify(url)});`,
    "await conn.send('hello gorilla');",
    `const reply = await conn.expect(${JSON.stringify(expected)}, { timeout: 1000 });`,
    'log(`echoed: ${reply.text}`);',
    'await conn.close();',
  ].join('\n');

test('write, run, fail at a line, jump there, stop', async ({ app, echoPeer, page }) => {
  const scripts = new ScriptPage(page);
  const dir = await mkdtemp(join(tmpdir(), 'wstap-e2e-scripts-'));
  try {
    await scripts.show();
    await scripts.openFolder(dir);
    await scripts.create('echo.ws.ts');

    await test.step('completion from the API’s declarations: connect(, conn. members, assert.', async () => {
      await scripts.setText('');
      await scripts.typeAtEnd("import { connect, assert } from 'wstap';\nconst c = await conn");
      await expect(scripts.completion('connect')).toContainText(
        '(url: string, options?: ConnectOptions): Promise<Connection>',
      );
      await expect(scripts.completionInfo).toContainText('Opens a connection; resolves when it is open.');
      // A click takes the entry (Enter too, once the list has been up for CodeMirror's interaction delay).
      await scripts.completion('connect').click();
      await scripts.typeAtEnd("('ws://x');\nc.exp");
      await expect(scripts.completion('expect')).toContainText(
        '(matcher: Matcher, options?: ExpectOptions): Promise<Message>',
      );
      await expect(scripts.completion('expectClose')).toBeVisible();
      await page.keyboard.press('Escape');
      await scripts.typeAtEnd(';\nassert.eq');
      await expect(scripts.completion('equal')).toContainText(
        '(actual: unknown, expected: T, message?: string)',
      );
      await page.keyboard.press('Escape');
    });

    await test.step('a script that sends and expects its echo passes', async () => {
      await scripts.setText(script(echoPeer.url, 'hello gorilla'));
      await scripts.run('passed');
      await expect(scripts.report).toHaveText(/^1 expectation passed, 0 failed/);
      await expect(scripts.log).toHaveText('echoed: hello gorilla');
      // Run saved the file first.
      expect(await readFile(join(dir, 'echo.ws.ts'), 'utf8')).toBe(script(echoPeer.url, 'hello gorilla'));
    });

    await test.step('its connection’s frames, in the inspector', async () => {
      await expect(scripts.conns).toHaveCount(1);
      await scripts.conns.first().click();
      await expect(app.tab('inspector')).toHaveAttribute('aria-selected', 'true');
      await expect(app.inspector.rowsWithPreview('hello gorilla')).toHaveCount(2);
      await scripts.tab.click();
      await expect(scripts.path).toHaveText(/echo\.ws\.ts$/);
    });

    await test.step('expecting something else fails at line 4; the link puts the cursor there', async () => {
      await scripts.setText(script(echoPeer.url, 'goodbye'));
      await scripts.run('expectation');
      await expect(scripts.failures).toHaveCount(1);
      await expect(scripts.failures).toContainText('expected text "goodbye" within 1000 ms');
      await expect(scripts.failureLinks).toHaveText(/^echo\.ws\.ts:4:\d+$/);
      const column = (await scripts.failureLinks.textContent())!.split(':')[2];
      await scripts.failureLinks.click();
      await expect(scripts.cursor).toHaveText(`Ln 4, Col ${column}`);
      await readmeScreenshot(page, 'scripts');
    });

    await test.step('a long-running script is stopped', async () => {
      await scripts.setText("import { sleep, log } from 'wstap';\nlog('waiting');\nawait sleep(600_000);\n");
      await scripts.run('running');
      await expect(scripts.log).toHaveText('waiting');
      await scripts.stopButton.click();
      await expect(scripts.status).toHaveAttribute('data-outcome', 'stopped');
      await expect(scripts.stopButton).toBeDisabled();
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
