/**
 * The console's own origin: a privileged `wstap-app://console/` scheme that serves the renderer
 * build (out/renderer) and nothing else. A custom scheme instead of file:// gives the page a real
 * origin (so the IPC sender check can name it), a CSP header on every response, and no access to
 * the rest of the disk. Electron is passed in (type-only import) so the path logic is unit-tested.
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';

/** The scheme name. */
export const APP_SCHEME = 'wstap-app';

/** The host part: one fixed name, so every page of the console shares one origin. */
export const APP_HOST = 'console';

/** The page the window loads. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The Content-Security-Policy sent with every response of the scheme. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** True when `url` is a page of the console's origin (`wstap-app://console/...`). */
export function isConsoleUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The file under `root` a console URL names, or null when the URL is not the console's or would
 * leave `root` (`..`, encoded or not; backslashes; NUL). `/` is index.html.
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isConsoleUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname) || '/';
  } catch {
    return null; // malformed percent-encoding
  }
  // A backslash is a separator on Windows; NUL ends a path in C. Neither names a file of ours.
  if (path.includes('\\') || path.includes('\0')) return null;
  if (path.split('/').some((segment) => segment === '..')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  return isInside(base, file) ? file : null;
}

/** The Content-Type of a file served by the scheme. */
export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

const headers = (type: string): Record<string, string> => ({
  'content-type': type,
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
});

/** The response to one request of the scheme: the file, or 404 / 405 (always with the CSP). */
export async function serveAppRequest(
  root: string,
  request: { readonly url: string; readonly method: string },
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return new Response(null, { status: 405, headers: headers('text/plain; charset=utf-8') });
  const file = resolveAppFile(root, request.url);
  if (file !== null) {
    try {
      // A symlink inside out/renderer must not lead out of it either.
      const real = await realpath(file);
      if (isInside(await realpath(root), real)) {
        const body = await readFile(real);
        return new Response(request.method === 'HEAD' ? null : body, {
          status: 200,
          headers: headers(contentType(real)),
        });
      }
    } catch {
      // missing or unreadable: 404 below
    }
  }
  return new Response('not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
}

/** True when `file` is strictly below `root` (both absolute). */
function isInside(root: string, file: string): boolean {
  const inside = relative(root, file);
  return inside !== '' && !inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside);
}

/**
 * Declares the scheme privileged (standard origin, secure context, fetch). Electron requires
 * this before the app is ready.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves out/renderer (`root`) on the scheme, in the default session. */
export function serveApp(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request));
}

/** The renderer build next to the bundled main process (out/app/main.cjs → out/renderer). */
export function rendererRoot(appDir: string): string {
  return join(appDir, '..', 'renderer');
}
