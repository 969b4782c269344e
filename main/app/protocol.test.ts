// The wstap-app:// scheme: which file a URL names, and what is refused.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentType, CSP, isConsoleUrl, resolveAppFile, serveAppRequest } from './protocol.js';

const root = '/srv/wstap/out/renderer';

describe('resolveAppFile', () => {
  it('maps console URLs to files under the root', () => {
    expect(resolveAppFile(root, 'wstap-app://console/index.html')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'wstap-app://console/')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'wstap-app://console')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'wstap-app://console/assets/index-abc.js?v=1#x')).toBe(
      `${root}/assets/index-abc.js`,
    );
    expect(resolveAppFile(root, 'wstap-app://console/assets/a%20b.css')).toBe(`${root}/assets/a b.css`);
  });

  it.each([
    'wstap-app://console/..%2f..%2fetc%2fpasswd',
    'wstap-app://console/assets/..%2F..%2F..%2Fpackage.json',
    'wstap-app://console/..%5c..%5cwindows%5cwin.ini',
    'wstap-app://console/a%5cb.js',
    'wstap-app://console/index.html%00.png',
    'wstap-app://console/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('keeps ../ and %2e%2e/ inside the root (the URL parser removes them first, as Chromium does)', () => {
    expect(resolveAppFile(root, 'wstap-app://console/../../etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(resolveAppFile(root, 'wstap-app://console/%2e%2e/%2e%2e/etc/passwd')).toBe(`${root}/etc/passwd`);
  });

  it.each([
    'https://console/index.html',
    'file:///srv/wstap/out/renderer/index.html',
    'wstap-app://evil/index.html',
    'not a url',
  ])('refuses a URL of another origin: %s', (url) => {
    expect(isConsoleUrl(url)).toBe(false);
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('names content types', () => {
    expect(contentType('/a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('/a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('/a/x.bin')).toBe('application/octet-stream');
  });
});

describe('serveAppRequest', () => {
  let dir: string;
  let renderer: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wstap-protocol-'));
    renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>wstap</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    symlinkSync(join(dir, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => serveAppRequest(renderer, { url, method });

  it('serves files with the CSP and nosniff', async () => {
    const response = await get('wstap-app://console/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>wstap</title>');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('wstap-app://console/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files, traversal and symlinks leading out', async () => {
    for (const url of [
      'wstap-app://console/missing.js',
      'wstap-app://console/%2e%2e/secret.txt',
      'wstap-app://console/assets/link.txt',
      'wstap-app://console/assets/',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CSP);
    }
  });

  it('answers 405 to anything but GET and HEAD', async () => {
    expect((await get('wstap-app://console/', 'POST')).status).toBe(405);
    const head = await get('wstap-app://console/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('sends a CSP that allows no inline or remote script', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).toContain("frame-ancestors 'none'");
  });
});
