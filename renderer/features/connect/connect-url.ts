/**
 * The URL check the connect form runs before asking main: the same rules as the engine's
 * normalizeUrl (main/engine/client/client-options.ts), which the renderer may not import.
 */

/** The URL a user meant, as the engine will read it, or why it cannot be one. */
export type UrlCheck =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

/** Longest URL main accepts (shared/ipc/inputs.ts). */
const MAX_URL = 8192;

/** Checks a typed URL: ws://, wss://, http(s):// (mapped to ws(s)), `host:port` and `:port` (ws://). */
export function checkWsUrl(input: string): UrlCheck {
  const typed = input.trim();
  if (typed === '')
    return { ok: false, message: 'Enter a URL: ws://host:port/path, wss://host/path or host:port' };
  if (typed.length > MAX_URL) return { ok: false, message: `The URL is longer than ${MAX_URL} characters` };
  let text = typed.startsWith(':') ? `127.0.0.1${typed}` : typed;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `ws://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: `'${typed}' is not a URL (expected ws://host:port/path, wss://… or host:port)`,
    };
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return {
      ok: false,
      message: `The scheme must be ws:// or wss:// (got ${url.protocol.replace(/:$/, '')}://)`,
    };
  }
  if (url.hash) return { ok: false, message: 'A WebSocket URL cannot have a #fragment' };
  if (!url.hostname) return { ok: false, message: `'${typed}' has no host` };
  return { ok: true, url: url.href };
}

/** Checks an HTTP proxy URL (http://[user:pass@]host:port): the engine tunnels with CONNECT. */
export function checkProxyUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return `'${input.trim()}' is not a URL (expected http://[user:pass@]host:port)`;
  }
  if (url.protocol !== 'http:') return 'The proxy must be an http:// URL (the tunnel is an HTTP CONNECT)';
  if (!url.hostname) return 'The proxy URL has no host';
  return null;
}
