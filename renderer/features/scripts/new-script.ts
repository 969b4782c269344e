/** The text a new script starts with, and the checks on a new script's name. Pure. */

/** A runnable start: connect, send, expect, close (docs/scripting.md). */
export function newScriptText(url: string): string {
  return [
    "import { connect, assert, log } from 'wstap';",
    '',
    `const conn = await connect(${JSON.stringify(url)});`,
    "await conn.send('hello');",
    "const reply = await conn.expect('hello');",
    "assert.equal(reply.text, 'hello');",
    'log(`echoed in ${reply.t.toFixed(1)} ms`);',
    'await conn.close();',
    '',
  ].join('\n');
}

/** The file name for what the user typed (`chat` → `chat.ws.ts`), or an error. */
export function scriptFileName(input: string): { ok: true; name: string } | { ok: false; error: string } {
  const name = input.trim();
  if (name === '') return { ok: false, error: 'Give the script a name.' };
  if (/[/\\]/.test(name) || name.startsWith('.')) return { ok: false, error: 'A name, not a path.' };
  return { ok: true, name: /\.(m?ts|m?js)$/.test(name) ? name : `${name}.ws.ts` };
}

/** A path in a folder (the folder main answered, so its separator is the right one). */
export function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

/** Arguments typed in one box, split at spaces (`"two words"` kept together). */
export function splitArgs(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}
