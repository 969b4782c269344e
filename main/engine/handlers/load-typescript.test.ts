import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { FakePort } from './fake-port.test-util.js';
import { handlerHooks } from './handler-hooks.js';
import { fixture, loaded, markedPosition, tempFolders, textMessage } from './handlers.test-util.js';
import { loadHandlerModule } from './load-handler.js';

const folder = tempFolders();

/** Sends one text message through a loaded handler; returns the port. */
async function exchange(file: string, text: string): Promise<FakePort> {
  const port = new FakePort();
  await handlerHooks(await loaded(file), file).onMessage(port, textMessage(text));
  return port;
}

describe('TypeScript handlers', () => {
  test('a .ts handler runs with the .ts files it imports, and says which files to watch', async () => {
    const file = fixture('typed.ts');
    const result = await loadHandlerModule(file);
    expect(result).toMatchObject({ ok: true, files: [file, fixture('greet.ts')] });
    expect(result.ok && result.module.subprotocols).toEqual(['greet.v1']);
    const port = await exchange(file, 'ada');
    expect(port.sent).toEqual([{ kind: 'text', text: 'hello ada #1' }]);
  });

  test('a throw in a .ts handler is reported at its .ts line', async () => {
    const file = fixture('typed.ts');
    const port = await exchange(file, 'boom');
    expect(port.errors).toEqual([
      { code: 'HANDLER_FAILED', message: `${markedPosition(file, 'boom')}: typed boom (in onMessage)` },
    ]);
  });

  test('stacks a TS handler sees itself name its .ts lines', async () => {
    const dir = await folder();
    const file = join(dir, 'stack.ts');
    await writeFile(
      file,
      'export function onMessage(ctx: { send(data: unknown): void }): void {\n  const error: Error = new Error("x");\n  ctx.send(error.stack);\n}\n',
    );
    // Node formats (and source-maps) stacks only when no one replaced Error.prepareStackTrace,
    // as in the CLI; vitest installs its own, so it steps aside for this test.
    const errorClass = Error as { prepareStackTrace?: unknown };
    const vitestFormat = errorClass.prepareStackTrace;
    errorClass.prepareStackTrace = undefined;
    try {
      const [sent] = (await exchange(file, '')).sent;
      expect(sent).toMatchObject({
        kind: 'text',
        text: expect.stringContaining(`at Module.onMessage (${file}:2:24)`),
      });
    } finally {
      errorClass.prepareStackTrace = vitestFormat;
    }
  });

  test('a syntax error names the .ts file, line and column', async () => {
    const dir = await folder();
    const file = join(dir, 'bad.ts');
    await writeFile(file, 'export function onMessage(ctx: unknown) {\n  const x: number = ;\n}\n');
    const result = await loadHandlerModule(file);
    expect(result).toEqual({
      ok: false,
      error: `${file}:2:21: Expression expected. (TS1109)`,
      files: [file],
    });
  });

  test('an error V8 finds but TypeScript does not is mapped back to the .ts line', async () => {
    const dir = await folder();
    const file = join(dir, 'dup.ts');
    await writeFile(file, 'export function onMessage(): void {}\nlet a: number = 1;\nlet a: number = 2;\n');
    const result = await loadHandlerModule(file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      new RegExp(`^${file}:3:\\d+: SyntaxError: Identifier 'a' has already been declared`),
    );
  });

  test('edits to the handler and to the .ts files it imports are picked up on reload', async () => {
    const dir = await folder();
    const file = join(dir, 'live.ts');
    const greeting = (word: string): string => `export const word: string = '${word}';\n`;
    await writeFile(join(dir, 'word.ts'), greeting('v1'));
    await writeFile(
      file,
      "import { word } from './word.js';\nexport const onMessage = (ctx: { send(t: string): void }): void => ctx.send(word);\n",
    );
    expect((await exchange(file, '')).sent).toEqual([{ kind: 'text', text: 'v1' }]);
    await writeFile(join(dir, 'word.ts'), greeting('v2'));
    expect((await exchange(file, '')).sent).toEqual([{ kind: 'text', text: 'v2' }]);
  });

  test('imports resolve from the .ts file: JS files, packages, built-ins, import.meta', async () => {
    const dir = await folder();
    const pkg = join(dir, 'node_modules', 'tiny-pkg');
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, 'package.json'), '{"name": "tiny-pkg", "main": "index.js"}\n');
    await writeFile(join(pkg, 'index.js'), "exports.tag = 'pkg';\n");
    await writeFile(join(dir, 'helper.mjs'), "export const tag = 'js';\n");
    await writeFile(join(dir, 'extensionless.ts'), "export const tag: string = 'ts';\n");
    const file = join(dir, 'h.ts');
    await writeFile(
      file,
      [
        "import { basename } from 'node:path';",
        "import { tag as js } from './helper.mjs';",
        "import { tag as ts } from './extensionless';",
        "import tiny from 'tiny-pkg';",
        'export async function onMessage(ctx: { send(t: unknown): void }): Promise<void> {',
        "  const lazy = await import('./helper.mjs');",
        '  ctx.send([js, ts, tiny.tag, lazy.tag, import.meta.url, basename(import.meta.filename), import.meta.dirname]);',
        '}',
      ].join('\n'),
    );
    const [sent] = (await exchange(file, '')).sent;
    expect(sent).toEqual({
      kind: 'json',
      value: ['js', 'ts', 'pkg', 'js', pathToFileURL(file).href, 'h.ts', dir],
    });
  });

  test('a package that cannot be found is named with the .ts file that imports it', async () => {
    const dir = await folder();
    const file = join(dir, 'h.ts');
    await writeFile(file, "import 'no-such-package-wstap';\nexport const onConnect = (): void => {};\n");
    const result = await loadHandlerModule(file);
    expect(!result.ok && result.error).toMatch(
      new RegExp(
        `^${file}: Cannot find package 'no-such-package-wstap' imported from ${file} \\(check the import path`,
      ),
    );
  });
});
