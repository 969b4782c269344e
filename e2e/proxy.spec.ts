// Issue 10, must show: the proxy panel in front of the gorilla/websocket echo server, with a
// second Chromium page as the app — a message injected toward the app arrives in that page; a drop
// rule keeps a matching message from ever reaching gorilla (its MSG lines) and counts it; closing
// the app's side with 4001 reaches the page as 4001 while gorilla sees its connection end; the
// inspector shows the relayed connection's rows in both directions. Writes docs/screenshots/proxy.png
// when WSTAP_SCREENSHOTS=1.
import { openPageSocket } from '../test/peers/chromium.js';
import { readmeScreenshot } from './fixtures/screenshots.js';
import { expect, test } from './fixtures/test.js';
import { ProxyPage } from './pages/proxy-page.js';

test('a proxy in front of gorilla: inject, drop, close 4001, rows both ways', async ({
  app,
  echoPeer,
  browser,
  page,
}) => {
  const proxy = new ProxyPage(page);
  await proxy.show();
  const target = echoPeer.url.replace(/\/echo$/, '');
  const proxyUrl = await proxy.start(target);

  // The app: a plain page in its own browser context, its WebSocket through the proxy.
  const client = await openPageSocket(browser, `${proxyUrl}/echo`);
  await client.next('open');
  const conn = await proxy.onlyConnection();
  await expect(proxy.control(conn, 'state')).toHaveText('open');

  await test.step('the app talks to gorilla through the proxy', async () => {
    await client.send('hello through the proxy');
    expect(await client.next('message')).toEqual({ type: 'message', text: 'hello through the proxy' });
    await echoPeer.process.waitForLine(/^MSG hello through the proxy$/);
  });

  await test.step('a message injected toward the app reaches the page', async () => {
    await proxy.injectText(conn, 'app', 'injected by wstap');
    expect(await client.next('message')).toEqual({ type: 'message', text: 'injected by wstap' });
  });

  await test.step('a drop rule toward the target: the matching message never reaches gorilla', async () => {
    await proxy.addRule({ toward: 'target', match: '^secret', dropPercent: 100 });
    await expect(proxy.ruleCounter(1, 'dropped')).toHaveText('dropped 0');
    await client.send('secret token 42');
    await client.send('after the secret');
    // Gorilla echoes in order: the echo of the later message means the earlier one was not there.
    expect(await client.next('message')).toEqual({ type: 'message', text: 'after the secret' });
    await echoPeer.process.waitForLine(/^MSG after the secret$/);
    expect(echoPeer.process.lines.filter((l) => l.includes('secret token'))).toEqual([]);
    await expect(proxy.ruleCounter(1, 'dropped')).toHaveText('dropped 1');
    await app.composer.setCollapsed(true);
    await readmeScreenshot(page, 'proxy');
  });

  await test.step('the inspector shows the relayed connection both ways', async () => {
    await proxy.control(conn, 'inspect').click();
    const { inspector } = app;
    const hello = inspector.rowsWithPreview('hello through the proxy');
    await expect(hello).toHaveCount(2);
    await inspector.expectCells(hello.nth(0), { dir: '→', mask: '✓', conn: `#${conn}` });
    await inspector.expectCells(hello.nth(1), { dir: '←', mask: '—', conn: `#${conn}` });
    await inspector.expectCells(inspector.rowsWithPreview('injected by wstap'), {
      dir: '←',
      conn: `#${conn}`,
    });
    // What was dropped was never relayed: no row; what came after was, both ways.
    await expect(inspector.rowsWithPreview('secret token 42')).toHaveCount(0);
    await expect(inspector.rowsWithPreview('after the secret')).toHaveCount(2);
  });

  await test.step("closing the app's side with 4001: the page sees 4001, gorilla its connection end", async () => {
    await proxy.show();
    await proxy.closeSide(conn, 'app', 4001, 'proxy says bye');
    expect(await client.next('close')).toMatchObject({ type: 'close', code: 4001, reason: 'proxy says bye' });
    await echoPeer.process.waitForLine(/^CLOSED \d+$/);
    await expect(proxy.connections).toHaveCount(0);
    // The Close wstap sent toward the app is a row coming in; the app's answer was not relayed.
    await app.showTab('inspector');
    const close = app.inspector.rowsOf('in', 'close');
    await expect(close).toHaveCount(1);
    await app.inspector.expectCells(close, { dir: '←', conn: `#${conn}` });
    await expect(app.inspector.rowsOf('out', 'close')).toHaveCount(0);
  });
  await client.page.context().close();
});
