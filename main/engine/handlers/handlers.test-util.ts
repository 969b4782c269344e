/** Fixtures, temp folders and messages for the handler tests. */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { IncomingMessage } from '../server/behaviour.js';
import type { HandlerModule } from './handler-types.js';
import { loadHandlerModule } from './load-handler.js';

/** A file of fixtures/. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

/** `file:line:column` of the `new` on the line marked `// marker: <name>` (where V8 places a throw). */
export function markedPosition(file: string, marker: string): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(`// marker: ${marker}`));
  if (index < 0) throw new Error(`no marker ${marker} in ${file}`);
  return `${file}:${index + 1}:${lines[index]!.indexOf('new ') + 1}`;
}

/**
 * For a test file: a function that makes a fresh folder under the OS temp folder; the folders are
 * removed after each test.
 */
export function tempFolders(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((path) => rm(path, { recursive: true, force: true })));
  });
  return async () => {
    const path = await mkdtemp(join(tmpdir(), 'wstap-handler-test-'));
    made.push(path);
    return path;
  };
}

/** Loads a handler that must load. */
export async function loaded(file: string): Promise<HandlerModule> {
  const result = await loadHandlerModule(file);
  if (!result.ok) throw new Error(result.error);
  return result.module;
}

/** A text message as the server hands it over. */
export function textMessage(text: string, index = 1): IncomingMessage {
  return { type: 'text', text, bytes: Buffer.from(text, 'utf8'), index };
}

/** A binary message as the server hands it over. */
export function binaryMessage(bytes: Uint8Array, index = 1): IncomingMessage {
  return { type: 'binary', text: null, bytes, index };
}
