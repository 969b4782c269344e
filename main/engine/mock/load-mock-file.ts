/** Reads a mock file and parses it: what `wstap serve --mock FILE` and hot reload call. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseMockDefinition, type ParseResult } from './parse-definition.js';

/** A parse result, and the files to watch for a reload: the mock file, and its handlers once it parsed. */
export type MockLoadResult = ParseResult & { readonly files: readonly string[] };

/**
 * Loads `file` (YAML, or JSON for *.json) and checks that handler modules exist. An unreadable
 * file is a problem like any other: never a throw.
 */
export async function loadMockFile(file: string): Promise<MockLoadResult> {
  const files = [resolve(file)];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return {
      ok: false,
      errors: [
        {
          severity: 'error',
          file,
          line: 1,
          column: 1,
          path: '',
          message: `cannot read the mock file: ${reason}`,
        },
      ],
      warnings: [],
      files,
    };
  }
  const result = parseMockDefinition(text, file, { fileExists: existsSync });
  if (!result.ok) return { ...result, files };
  const handlers = result.definition.routes.flatMap((route) =>
    route.handler === null ? [] : [route.handler],
  );
  return { ...result, files: [...new Set([...files, ...handlers])] };
}
