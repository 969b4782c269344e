// Issue 10, must show: the proxy panel in front of the gorilla/websocket echo server, with a
// second Chromium page as the app — a message injected toward the app arrives in that page; a drop
// rule keeps a matching message from ever reaching gorilla (its MSG lines) and counts it; closing
// the app's side with 4001 reaches the page as 4001 while gorilla sees its connection end; the
// inspector shows the relayed connection's rows in both directions; the ended connection stays
// listed as closed by wstap with 4001. Also: messages sent while a direction is held reach gorilla
// and the page in order after release; Cut TCP leaves both peers with 1006 and a closed row that
// still selects the connection. Writes docs/screenshots/proxy.png when WSTAP_SCREENSHOTS=1.
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
    // The ended connection stays listed: who closed, the code and reason, no interventions.
    await expect(proxy.closed(conn)).toHaveAttribute('data-closed-by', 'wstap');
    await expect(proxy.closed(conn)).toHaveAttribute('data-code', '4001');
    await expect(proxy.closedControl(conn, 'reason')).toHaveText('“proxy says bye”');
    await expect(proxy.closedControl(conn, 'cut')).toBeDisabled();
    // The Close wstap sent toward the app is a row coming in; the app's answer was not relayed.
    await app.showTab('inspector');
    const close = app.inspector.rowsOf('in', 'close');
    await expect(close).toHaveCount(1);
    await app.inspector.expectCells(close, { dir: '←', conn: `#${conn}` });
    await expect(app.inspector.rowsOf('out', 'close')).toHaveCount(0);
  });
  await client.page.context().close();
});

test('hold and release keep the order both ways; Cut TCP leaves both peers with 1006 and a closed row', async ({
  app,
  echoPeer,
  browser,
  page,
}) => {
  const proxy = new ProxyPage(page);
  await proxy.show();
  const proxyUrl = await proxy.start(echoPeer.url.replace(/\/echo$/, ''));
  const client = await openPageSocket(browser, `${proxyUrl}/echo`);
  await client.next('open');
  // Counts messages the page received, to see that a held direction lets nothing through.
  const received = () =>
    client.page.evaluate(() => {
      const page = globalThis as unknown as {
        __got?: number;
        __ws: { addEventListener(t: string, f: () => void): void };
      };
      if (page.__got === undefined) {
        page.__got = 0;
        page.__ws.addEventListener('message', () => (page.__got = (page.__got ?? 0) + 1));
      }
      return page.__got;
    });
  expect(await received()).toBe(0);
  const conn = await proxy.onlyConnection();
  await expect(proxy.control(conn, 'state')).toHaveText('open');
  const msgLines = () => echoPeer.process.lines.filter((l) => l.startsWith('MSG '));

  await test.step('held toward gorilla: nothing reaches it until release, then all in order', async () => {
    await proxy.hold(conn, 'target');
    for (const n of [1, 2, 3]) await client.send(`to target ${n}`);
    // Three masked frames of 11 bytes of text: 2 + 4 + 11 bytes each, all at the proxy.
    await expect(proxy.control(conn, 'held-target')).toHaveText(/^51 B of /);
    expect(msgLines()).toEqual([]);
    await proxy.release(conn, 'target');
    await echoPeer.process.waitForLine(/^MSG to target 3$/);
    expect(msgLines()).toEqual(['MSG to target 1', 'MSG to target 2', 'MSG to target 3']);
    for (const n of [1, 2, 3])
      expect(await client.next('message')).toEqual({ type: 'message', text: `to target ${n}` });
  });

  await test.step('held toward the page: gorilla echoes, the page gets nothing until release, then in order', async () => {
    const before = await received();
    await proxy.hold(conn, 'app');
    for (const n of [1, 2, 3]) await client.send(`to app ${n}`);
    await echoPeer.process.waitForLine(/^MSG to app 3$/);
    // Three unmasked echoes of 8 bytes: 2 + 8 bytes each, held at the proxy.
    await expect(proxy.control(conn, 'held-app')).toHaveText(/^30 B of /);
    expect(await received()).toBe(before);
    await proxy.release(conn, 'app');
    for (const n of [1, 2, 3])
      expect(await client.next('message')).toEqual({ type: 'message', text: `to app ${n}` });
  });

  await test.step('Cut TCP: the page and gorilla see an abrupt end (1006), the row shows it closed', async () => {
    await proxy.control(conn, 'cut').click();
    expect(await client.next('close')).toMatchObject({ type: 'close', code: 1006, wasClean: false });
    const [, how] = await echoPeer.process.waitForLine(/^END \d+ (.*)$/);
    expect(how).toMatch(/^(1006|abrupt .*)$/);
    await expect(proxy.connections).toHaveCount(0);
    await expect(proxy.closed(conn)).toHaveAttribute('data-closed-by', 'wstap');
    await expect(proxy.closed(conn)).toHaveAttribute('data-code', '1006');
    await expect(proxy.closedControl(conn, 'summary')).toHaveText('wstap closed: 1006 Abnormal Closure');
    for (const control of ['hold', 'inject', 'close', 'cut'])
      await expect(proxy.closedControl(conn, control)).toBeDisabled();
  });

  await test.step('the closed row still selects the connection: its rows in the inspector', async () => {
    await proxy.closedControl(conn, 'inspect').click();
    await expect(app.tab('inspector')).toHaveAttribute('aria-selected', 'true');
    await expect(app.selectedSession()).toHaveAttribute('data-conn', String(conn));
    await expect(app.inspector.rowsWithPreview('to app 2')).toHaveCount(2);
  });
  await client.page.context().close();
});
