import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FakePort } from './fake-port.test-util.js';
import { handlerHooks } from './handler-hooks.js';
import type { HandlerModule } from './handler-types.js';
import { fixture, loaded, tempFolders, textMessage } from './handlers.test-util.js';
import { loadHandlerModule } from './load-handler.js';

const folder = tempFolders();

/** What a handler sends back for one text message. */
async function reply(module: HandlerModule, file: string, text: string): Promise<unknown> {
  const port = new FakePort();
  await handlerHooks(module, file).onMessage(port, textMessage(text));
  expect(port.errors).toEqual([]);
  return port.sent[0];
}

/** The error of a load that must fail. */
async function loadError(file: string): Promise<string> {
  const result = await loadHandlerModule(file);
  if (result.ok) throw new Error(`${file} loaded`);
  return result.error;
}

describe('loadHandlerModule', () => {
  test('loads an ES module handler with a relative import', async () => {
    const file = fixture('echo.mjs');
    const result = await loadHandlerModule(file);
    expect(result).toMatchObject({ ok: true, files: [file] });
    const module = await loaded(file);
    expect(await reply(module, file, '!hey')).toEqual({ kind: 'text', text: 'HEY!' });
  });

  test('loads a CommonJS handler and its exported subprotocols', async () => {
    const module = await loaded(fixture('counter.cjs'));
    expect(module.subprotocols).toEqual(['count.v1']);
    expect(await reply(module, fixture('counter.cjs'), 'a')).toEqual({
      kind: 'json',
      value: { count: 1, got: 'a' },
    });
  });

  test('takes hooks from a default export object and keeps its `this`', async () => {
    const module = await loaded(fixture('default-export.mjs'));
    expect(await reply(module, fixture('default-export.mjs'), 'x')).toEqual({
      kind: 'text',
      text: 'default:x',
    });
  });

  test('reloads an edited ES module', async () => {
    const file = join(await folder(), 'live.mjs');
    await writeFile(file, "export const onMessage = (ctx) => ctx.send('v1');\n");
    const first = await loaded(file);
    await writeFile(file, "export const onMessage = (ctx) => ctx.send('v2');\n");
    const second = await loaded(file);
    expect(await reply(first, file, '')).toEqual({ kind: 'text', text: 'v1' });
    expect(await reply(second, file, '')).toEqual({ kind: 'text', text: 'v2' });
  });

  test('reloads an edited CommonJS handler, .cjs or .js in a CommonJS package', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'package.json'), '{"type": "commonjs"}\n');
    for (const name of ['live.cjs', 'live.js']) {
      const file = join(dir, name);
      await writeFile(file, "exports.onMessage = (ctx) => ctx.send('v1');\n");
      expect(await reply(await loaded(file), file, '')).toEqual({ kind: 'text', text: 'v1' });
      await writeFile(file, "exports.onMessage = (ctx) => ctx.send('v2');\n");
      expect(await reply(await loaded(file), file, '')).toEqual({ kind: 'text', text: 'v2' });
    }
  });

  test('a symlinked handler is loaded, watched and reported under its real path', async () => {
    const dir = await folder();
    const real = join(dir, 'real.mjs');
    await writeFile(real, "export function onMessage() {\n  throw new Error('here');\n}\n");
    await symlink(real, join(dir, 'link.mjs'));
    const result = await loadHandlerModule(join(dir, 'link.mjs'));
    expect(result).toMatchObject({ ok: true, files: [real] });
    const port = new FakePort();
    await handlerHooks(await loaded(join(dir, 'link.mjs')), join(dir, 'link.mjs')).onMessage(
      port,
      textMessage(''),
    );
    expect(port.errors[0]!.message).toBe(`${real}:2:9: here (in onMessage)`);
  });

  test('a missing file or another extension says what to do', async () => {
    const dir = await folder();
    expect(await loadError(join(dir, 'nope.mjs'))).toBe(
      `${join(dir, 'nope.mjs')}: no such file; check the path (it is resolved from ${process.cwd()})`,
    );
    expect(await loadError(join(dir, 'h.py'))).toMatch(
      /h\.py: a handler must be a \.js, \.mjs, \.cjs, \.ts or \.mts file$/,
    );
  });

  test('a syntax error names file:line:column, ES module or CommonJS', async () => {
    const dir = await folder();
    for (const name of ['bad.mjs', 'bad.cjs']) {
      const file = join(dir, name);
      await writeFile(
        file,
        'export function onMessage(ctx) {\n  const x = ;\n}\n'.replace(
          'export function',
          name.endsWith('.cjs') ? 'exports.f = function' : 'export function',
        ),
      );
      expect(await loadError(file)).toBe(`${file}:2:13: SyntaxError: Unexpected token ';' (fix it and save)`);
    }
  });

  test('an import of a name the module lacks is a syntax error at the import', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'lib.mjs'), 'export const a = 1;\n');
    await writeFile(
      join(dir, 'h.mjs'),
      "import { b } from './lib.mjs';\nexport const onMessage = () => b;\n",
    );
    expect(await loadError(join(dir, 'h.mjs'))).toMatch(
      /h\.mjs:1:10: SyntaxError: The requested module '.\/lib\.mjs' does not provide an export named 'b'/,
    );
  });

  test('a syntax error in an imported module says Node does not tell which', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'lib.mjs'), 'export const a = ;\n');
    await writeFile(
      join(dir, 'h.mjs'),
      "import { a } from './lib.mjs';\nexport const onMessage = () => a;\n",
    );
    expect(await loadError(join(dir, 'h.mjs'))).toMatch(
      /h\.mjs: SyntaxError: Unexpected token ';' \(in a module it imports/,
    );
  });

  test('a throw while loading points at its line; a missing import names the path', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'top.mjs'), 'const a = 1;\nthrow new TypeError(`top ${a}`);\n');
    expect(await loadError(join(dir, 'top.mjs'))).toBe(
      `${join(dir, 'top.mjs')}:2:7: TypeError: top 1 (thrown while loading the handler)`,
    );
    await writeFile(join(dir, 'imp.mjs'), "import './gone.js';\nexport const onMessage = () => {};\n");
    expect(await loadError(join(dir, 'imp.mjs'))).toMatch(
      /imp\.mjs: Cannot find module '.*gone\.js' imported from .*imp\.mjs \(check the import path/,
    );
  });

  test('exports without a hook, or a hook that is not a function, are refused with an example', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'none.mjs'), 'export function onmessage() {}\nexport const port = 1;\n');
    expect(await loadError(join(dir, 'none.mjs'))).toMatch(
      /none\.mjs: no hook exported \(it exports onmessage, port\); export at least one of handshake, onConnect, onMessage, onClose \(names are case-sensitive\), e\.g\. export function onMessage/,
    );
    await writeFile(join(dir, 'fn.mjs'), 'export default function onMessage() {}\n');
    expect(await loadError(join(dir, 'fn.mjs'))).toMatch(
      /fn\.mjs: the default export is a function; export the hooks by name/,
    );
    await writeFile(join(dir, 'num.cjs'), 'module.exports = { onMessage: 42 };\n');
    expect(await loadError(join(dir, 'num.cjs'))).toBe(
      `${join(dir, 'num.cjs')}: onMessage must be a function, but it is a number`,
    );
    await writeFile(
      join(dir, 'sub.mjs'),
      "export const subprotocols = 'chat';\nexport const onConnect = () => {};\n",
    );
    expect(await loadError(join(dir, 'sub.mjs'))).toMatch(/subprotocols must be an array of strings/);
  });
});
