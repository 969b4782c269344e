import { describe, expect, it } from 'vitest';
import { checkProxyUrl, checkWsUrl } from './connect-url.js';

describe('checkWsUrl', () => {
  it.each([
    ['ws://localhost:8080/chat', 'ws://localhost:8080/chat'],
    ['wss://example.com', 'wss://example.com/'],
    ['localhost:8080', 'ws://localhost:8080/'],
    ['  :9000/x ', 'ws://127.0.0.1:9000/x'],
    ['https://example.com/s?q=1', 'wss://example.com/s?q=1'],
    ['http://[::1]:80/', 'ws://[::1]/'],
  ])('accepts %s as %s', (typed, url) => {
    expect(checkWsUrl(typed)).toEqual({ ok: true, url });
  });

  it.each([
    ['', 'Enter a URL'],
    ['   ', 'Enter a URL'],
    ['ftp://host/x', 'The scheme must be ws:// or wss:// (got ftp://)'],
    ['ws://host/#top', 'cannot have a #fragment'],
    ['ws://host:99999', 'is not a URL'],
    ['ws://a b', 'is not a URL'],
    [`ws://h/${'x'.repeat(9000)}`, 'longer than 8192'],
  ])('refuses %j with a clear message', (typed, message) => {
    const check = checkWsUrl(typed);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.message).toContain(message);
  });
});

describe('checkProxyUrl', () => {
  it('accepts http proxies only', () => {
    expect(checkProxyUrl('http://user:pw@proxy:3128')).toBeNull();
    expect(checkProxyUrl('https://proxy')).toContain('http://');
    expect(checkProxyUrl('proxy:3128')).not.toBeNull();
  });
});
