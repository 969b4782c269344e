import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from './web-host.js';
import { FAKE_INDEX, fakeRendererBuild, fakeService, rawGet, tryUpgrade } from './web-host.test-util.js';

const build = fakeRendererBuild();
const logged: string[] = [];
let host: WebHost;
let port: number;
let token: string;

beforeAll(async () => {
  symlinkSync(join(build.parent, 'secret.txt'), join(build.dir, 'leak.txt'));
  symlinkSync(build.parent, join(build.dir, 'up'));
  symlinkSync(join(build.dir, 'index.html'), join(build.dir, 'page.html'));
  host = await startWebHost({ service: fakeService(), rendererDir: build.dir, log: (l) => logged.push(l) });
  ({ port, token } = host);
});

afterAll(async () => {
  await host?.stop();
  build.cleanup();
});

describe('the page', () => {
  it('is served at the printed URL, with the CSP and nosniff', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const res = await rawGet(port, `/?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(FAKE_INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; img-src 'self' data:; ` +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('is refused without the token, with a wrong one, or one of another length', async () => {
    for (const path of [
      '/',
      '/index.html',
      '/page.html',
      '/?token=',
      `/?token=${token.slice(1)}x`,
      '/?token=short',
    ]) {
      const res = await rawGet(port, path);
      expect(res.status, path).toBe(403);
      expect(res.body).not.toContain('<title>');
    }
    expect((await rawGet(port, `/index.html?token=${token}`)).status).toBe(200);
  });

  it('answers HEAD without a body', async () => {
    const res = await rawGet(port, `/?token=${token}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(FAKE_INDEX.length));
    expect(res.body).toBe('');
  });

  it('refuses other methods', async () => {
    expect((await rawGet(port, `/?token=${token}`, { method: 'POST' })).status).toBe(405);
  });
});

describe('assets', () => {
  it('are served without the token, with their content types', async () => {
    const js = await rawGet(port, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await rawGet(port, '/assets/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answer 404 for what is not there, directories included', async () => {
    for (const path of ['/nope.js', '/assets', '/assets/', '/.env']) {
      expect((await rawGet(port, path)).status, path).toBe(404);
    }
  });

  it('never come from outside the build: .., encoded .., encoded slashes, symlinks out', async () => {
    const paths = [
      '/../package.json',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00',
      '/%E0%A4%A',
      '/leak.txt',
      '/up/secret.txt',
    ];
    for (const path of paths) {
      const res = await rawGet(port, path);
      expect(res.status, path).toBe(400);
      expect(res.body).not.toContain('outside the build');
    }
    expect(logged.some((l) => l.includes('outside the renderer build'))).toBe(true);
  });
});

describe('the Host header (DNS rebinding)', () => {
  it('must name this server: 127.0.0.1 or localhost on the bound port', async () => {
    expect((await rawGet(port, `/?token=${token}`, { host: `localhost:${port}` })).status).toBe(200);
    for (const host of [
      `evil.example:${port}`,
      '127.0.0.1',
      `127.0.0.1:${port + 1}`,
      `127.0.0.2:${port}`,
      'localhost',
    ]) {
      const res = await rawGet(port, `/?token=${token}`, { host });
      expect(res.status, host).toBe(421);
      expect(res.body).not.toContain('<title>');
      expect((await rawGet(port, '/assets/app.js', { host })).status, host).toBe(421);
    }
    // No Host at all: Node's HTTP server refuses it (400) before we see it.
    expect((await rawGet(port, `/?token=${token}`, { host: null })).status).toBe(400);
    expect(logged.some((l) => l.includes('Host "evil.example:'))).toBe(true);
  });
});

describe('the bridge upgrade', () => {
  it('opens with the token, the Host and the Origin of this server', async () => {
    expect(await tryUpgrade(port, { path: `/bridge?token=${token}` })).toBe(101);
    expect(
      await tryUpgrade(port, {
        path: `/bridge?token=${token}`,
        host: `localhost:${port}`,
        origin: `http://localhost:${port}`,
      }),
    ).toBe(101);
  });

  it('is refused without the right token', async () => {
    for (const path of ['/bridge', '/bridge?token=', `/bridge?token=${token}x`, `/bridge?tok=${token}`]) {
      expect(await tryUpgrade(port, { path }), path).toBe(403);
    }
  });

  it('is refused from another Origin, or none', async () => {
    const path = `/bridge?token=${token}`;
    for (const origin of [
      null,
      'http://evil.example',
      `http://evil.example:${port}`,
      `https://127.0.0.1:${port}`,
      'null',
    ]) {
      expect(await tryUpgrade(port, { path, origin }), String(origin)).toBe(403);
    }
    expect(logged.some((l) => l.includes('Origin "http://evil.example"'))).toBe(true);
  });

  it('is refused with another Host, and anywhere but /bridge', async () => {
    const path = `/bridge?token=${token}`;
    expect(
      await tryUpgrade(port, { path, host: `evil.example:${port}`, origin: `http://evil.example:${port}` }),
    ).toBe(421);
    expect(await tryUpgrade(port, { path: `/?token=${token}` })).toBe(404);
  });

  it('is not served as a page', async () => {
    expect((await rawGet(port, `/bridge?token=${token}`)).status).toBe(426);
  });
});

describe('startWebHost', () => {
  it('fails when the build folder is missing, and when the port is taken', async () => {
    await expect(
      startWebHost({ service: fakeService(), rendererDir: join(build.parent, 'none') }),
    ).rejects.toThrow(/ENOENT/);
    await expect(startWebHost({ service: fakeService(), rendererDir: build.dir, port })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });

  it('names a specific bound address in its URL and accepts it as Host', async () => {
    const other = await startWebHost({
      service: fakeService(),
      rendererDir: build.dir,
      host: 'localhost',
      token: 't0k',
    });
    try {
      expect(other.url).toBe(`http://localhost:${other.port}/?token=t0k`);
      expect((await rawGet(other.port, '/?token=t0k', { host: `localhost:${other.port}` })).status).toBe(200);
    } finally {
      await other.stop();
    }
  });
});
