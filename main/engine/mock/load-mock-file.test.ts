import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from './definition.js';
import { loadMockFile } from './load-mock-file.js';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wstap-mock-'));
  await writeFile(join(dir, 'handler.mjs'), 'export function onMessage() {}\n');
  await writeFile(
    join(dir, 'ok.yaml'),
    'routes:\n  - path: /a\n    handler: ./handler.mjs\n    fallback: [{ reply: x }]\n',
  );
  await writeFile(join(dir, 'missing-handler.yaml'), 'routes:\n  - handler: ./nope.ts\n');
  await writeFile(join(dir, 'mock.json'), '{"routes": [{"path": "/a"}],}');
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('loadMockFile', () => {
  it('loads a file, resolving the handler next to it, with its warnings', async () => {
    const result = await loadMockFile(join(dir, 'ok.yaml'));
    if (!result.ok) throw new Error(result.errors.map(formatProblem).join('\n'));
    expect(result.definition.routes[0]?.handler).toBe(join(dir, 'handler.mjs'));
    expect(result.files).toEqual([join(dir, 'ok.yaml'), join(dir, 'handler.mjs')]);
    expect(result.warnings.map(formatProblem)).toEqual([
      `${join(dir, 'ok.yaml')}:4:15: warning: routes[0].fallback: not used: on a route with a handler, unmatched messages go to its onMessage`,
    ]);
  });

  it('reports a handler module that is not there', async () => {
    const file = join(dir, 'missing-handler.yaml');
    const result = await loadMockFile(file);
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual([
      `${file}:2:14: routes[0].handler: no such file: ${join(dir, 'nope.ts')}`,
    ]);
  });

  it('reads .json files as strict JSON', async () => {
    const file = join(dir, 'mock.json');
    const result = await loadMockFile(file);
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual([
      `${file}:1:29: trailing comma before '}': JSON allows none`,
    ]);
  });

  it('reports a file it cannot read instead of throwing', async () => {
    const file = join(dir, 'absent.yaml');
    const result = await loadMockFile(file);
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual([
      `${file}:1:1: cannot read the mock file: no such file`,
    ]);
    expect(result.files).toEqual([file]);
  });
});
