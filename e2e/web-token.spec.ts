// Issue 9, must show: browser mode lets in only the page wstap ui printed. The page needs its
// token; the bridge WebSocket needs the token, this server's Origin and Host (no cross-site
// socket, no DNS rebinding). Refusals come from the real `wstap ui`, seen from Node and a browser.
import { tryUpgrade, getWithHost } from './fixtures/raw-clients.js';
import { expect, test } from './fixtures/test.js';
import { ConsolePage } from './pages/console-page.js';

/** The console URL with its token replaced (null: removed). */
function withToken(url: string, token: string | null): string {
  const u = new URL(url);
  if (token === null) u.searchParams.delete('token');
  else u.searchParams.set('token', token);
  return u.toString();
}

test('the page needs its token', async ({ wstap, request }) => {
  const ok = await request.get(wstap.url);
  expect(ok.status()).toBe(200);
  expect(await ok.text()).toContain('<div id="root">');

  for (const url of [
    withToken(wstap.url, null),
    withToken(wstap.url, 'wrong'),
    withToken(wstap.url, `${wstap.token}x`),
  ]) {
    const refused = await request.get(url);
    expect(refused.status(), url).toBe(403);
    expect(await refused.text()).not.toContain('<div id="root">');
  }
  await expect.poll(() => wstap.stderr()).toContain('wrong or missing token');
});

test('the page refuses a foreign Host header (DNS rebinding)', async ({ wstap }) => {
  expect((await getWithHost(wstap.url, `127.0.0.1:${wstap.port}`)).status).toBe(200);
  const rebound = await getWithHost(wstap.url, `evil.example:${wstap.port}`);
  expect(rebound.status).toBe(421);
  expect(rebound.body).not.toContain('<div id="root">');
});

test('a browser opening the URL without the token gets no console', async ({ wstap, page }) => {
  const response = await page.goto(withToken(wstap.url, null));
  expect(response?.status()).toBe(403);
  await expect(new ConsolePage(page).sidebar).toHaveCount(0);
});

test('the bridge socket needs the token, the Origin and the Host', async ({ wstap }) => {
  const bridge = (token: string | null): string => {
    const u = new URL('/bridge', wstap.origin.replace(/^http/, 'ws'));
    if (token !== null) u.searchParams.set('token', token);
    return u.toString();
  };
  const origin = wstap.origin;
  const host = `127.0.0.1:${wstap.port}`;

  // The control: everything right opens.
  expect(await tryUpgrade(bridge(wstap.token), { origin, host })).toEqual({ opened: true });

  const refusals: readonly [string, Promise<Awaited<ReturnType<typeof tryUpgrade>>>, number][] = [
    ['no token', tryUpgrade(bridge(null), { origin, host }), 403],
    ['wrong token', tryUpgrade(bridge('not-the-token'), { origin, host }), 403],
    ['wrong Origin', tryUpgrade(bridge(wstap.token), { origin: 'http://evil.example', host }), 403],
    [
      'Origin of another port',
      tryUpgrade(bridge(wstap.token), { origin: `http://127.0.0.1:${wstap.port + 1}`, host }),
      403,
    ],
    ['no Origin', tryUpgrade(bridge(wstap.token), { host }), 403],
    ['wrong Host', tryUpgrade(bridge(wstap.token), { origin, host: `evil.example:${wstap.port}` }), 421],
  ];
  for (const [what, attempt, status] of refusals) {
    expect(await attempt, what).toMatchObject({ opened: false, status });
  }
});

test('a page from another origin cannot open the bridge', async ({ wstap, page, echoPeer }) => {
  // The echo peer's HTTP answer is a page on another origin (another port on 127.0.0.1).
  await page.goto(echoPeer.url.replace(/^ws/, 'http')).catch(() => undefined);
  const outcome = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new (
          globalThis as unknown as {
            WebSocket: new (u: string) => { onopen: () => void; onerror: () => void };
          }
        ).WebSocket(url);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    `${wstap.origin.replace(/^http/, 'ws')}/bridge?token=${wstap.token}`,
  );
  expect(outcome).toBe('refused');
  await expect
    .poll(() => wstap.stderr())
    .toMatch(/refused upgrade \/bridge: Origin "http:\/\/127\.0\.0\.1:\d+"/);
});
