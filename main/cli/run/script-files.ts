/**
 * The scripts `wstap test` was given: files as they are, folders searched for `*.ws.{ts,mts,js,mjs}`,
 * and patterns (`*`, `**`, `?`, `{a,b}`) matched under their fixed leading folders — Node 20 has
 * no fs.glob, and a quoted pattern reaches wstap unexpanded (the shell expands unquoted ones).
 * node_modules and dot folders are never searched.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';

const DEFAULT_SCRIPT = /\.ws\.(m?ts|m?js)$/;
const MAGIC = /[*?{[]/;

export async function findScripts(patterns: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const before = found.size;
    if (!MAGIC.test(pattern)) {
      const info = await stat(pattern).catch(() => null);
      if (info === null) throw new UserError(`${pattern}: no such file or folder`);
      if (info.isFile()) found.add(resolve(pattern));
      else for (const file of await walk(resolve(pattern))) if (DEFAULT_SCRIPT.test(file)) found.add(file);
      if (found.size === before && !info.isFile())
        throw new UserError(`${pattern}: no *.ws.ts, *.ws.js (or .mts, .mjs) scripts in this folder`);
      continue;
    }
    const parts = pattern.split(/[\\/]/);
    const fixed = parts.findIndex((part) => MAGIC.test(part));
    const base = resolve(parts.slice(0, fixed).join('/') || '.');
    const matcher = globRegex(parts.slice(fixed).join('/'));
    for (const file of await walk(base))
      if (matcher.test(relative(base, file).split(sep).join('/'))) found.add(file);
    if (found.size === before) throw new UserError(`'${pattern}' matches no file`);
  }
  return [...found].sort();
}

async function walk(folder: string): Promise<string[]> {
  const files: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** A glob as a regex over '/'-separated relative paths. */
export function globRegex(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // '**/' matches any number of folders, including none.
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close === -1) out += '\\{';
      else {
        out += `(?:${glob
          .slice(i + 1, close)
          .split(',')
          .map(escape)
          .join('|')})`;
        i = close;
      }
    } else out += escape(c);
  }
  return new RegExp(`^${out}$`);
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
}
