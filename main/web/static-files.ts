/**
 * The renderer build as static files: a request path maps to a regular file inside the root, or to
 * nothing. `..` and `.` segments (also percent-encoded), encoded slashes, NUL, dotfiles and
 * symlinks that lead out of the root are refused before any file is touched outside it.
 */
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';

/** Content types by extension; anything else is served as bytes (nosniff keeps it that way). */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The Content-Type of a file name. */
export function contentType(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** A file to serve. */
export interface StaticFile {
  /** Its real path (symlinks resolved, inside the root). */
  readonly path: string;
  readonly size: number;
  readonly type: string;
}

/** Why a path maps to no file: malformed or escaping (`bad`), or simply absent (`missing`). */
export type StaticMiss = 'bad' | 'missing';

/** The path part of a request target (before `?` and `#`), raw as sent. */
export function requestPath(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/** The decoded segments of a raw path, or 'bad' when one would step out or hide something. */
export function pathSegments(rawPath: string): readonly string[] | 'bad' {
  if (!rawPath.startsWith('/')) return 'bad';
  const segments: string[] = [];
  for (const part of rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return 'bad';
    }
    if (segment === '') continue;
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return 'bad';
    segments.push(segment);
  }
  return segments;
}

/** True when `path` is `root` or inside it. */
function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The file a request path names inside `root` (a real path: pass it through realpath once),
 * `/` being index.html; directories, dotfiles and anything outside are misses.
 */
export async function resolveStatic(root: string, rawPath: string): Promise<StaticFile | StaticMiss> {
  const segments = pathSegments(rawPath);
  if (segments === 'bad') return 'bad';
  if (segments.some((s) => s.startsWith('.'))) return 'missing';
  const named = segments.length === 0 ? ['index.html'] : segments;
  const candidate = join(root, ...named);
  if (!inside(root, candidate)) return 'bad';
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return 'missing';
  }
  // A symlink may point anywhere: what it resolves to must still be inside the root.
  if (!inside(root, real)) return 'bad';
  try {
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size, type: contentType(real) } : 'missing';
  } catch {
    return 'missing';
  }
}
