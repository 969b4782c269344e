/**
 * The two small modules every script run loads before the user's: loader hooks that resolve
 * `'wstap'` (and `'wstap/script'`) to a shim, and the shim, which re-exports the API object the
 * worker put on a global. Written once per process into the handler temp folder. With them a
 * script imports the API the same way whether or not wstap is installed next to it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { handlerTempDir } from '../handlers/native-loader.js';
import { API_GLOBAL, API_NAMES, API_SPECIFIERS } from './script-protocol.js';

let hooksUrl: string | undefined;

/** The file URL of the loader hooks (the shim is next to them). */
export function scriptHooksUrl(): string {
  if (hooksUrl !== undefined) return hooksUrl;
  const folder = handlerTempDir();
  const shim = join(folder, 'wstap-script-api.mjs');
  const hooks = join(folder, 'wstap-script-hooks.mjs');
  writeFileSync(
    shim,
    [
      `const api = globalThis[Symbol.for(${JSON.stringify(API_GLOBAL)})];`,
      'if (api === undefined) throw new Error("\'wstap\' is the API of wstap scripts: run this file with `wstap run FILE`");',
      `export const { ${API_NAMES.join(', ')} } = api;`,
      'export default api;',
      '',
    ].join('\n'),
  );
  writeFileSync(
    hooks,
    [
      `const names = new Set(${JSON.stringify([...API_SPECIFIERS])});`,
      `const shim = ${JSON.stringify(pathToFileURL(shim).href)};`,
      'export async function resolve(specifier, context, next) {',
      '  return names.has(specifier) ? { url: shim, shortCircuit: true } : next(specifier, context);',
      '}',
      '',
    ].join('\n'),
  );
  return (hooksUrl = pathToFileURL(hooks).href);
}
