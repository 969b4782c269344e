// Where the script worker is looked for: beside a bundle, beside the compiled module, and in a
// packaged app, in the asar's unpacked twin (a temp folder laid out like resources/).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultWorkerFile, unpackedFolder } from './worker-file.js';

const dir = mkdtempSync(join(tmpdir(), 'wstap-worker-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function touch(...parts: string[]): string {
  const file = join(dir, ...parts);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, '');
  return file;
}

describe('the script worker file', () => {
  it('maps a folder inside app.asar to the unpacked twin, and nothing else', () => {
    expect(unpackedFolder('/opt/wstap/resources/app.asar/out/app')).toBe(
      '/opt/wstap/resources/app.asar.unpacked/out/app',
    );
    expect(unpackedFolder('C:\\wstap\\resources\\app.asar\\out\\app')).toBe(
      'C:\\wstap\\resources\\app.asar.unpacked\\out\\app',
    );
    expect(unpackedFolder('/home/me/wstap/out/app')).toBe('/home/me/wstap/out/app');
    expect(unpackedFolder('/home/me/my-app.asar.d/out')).toBe('/home/me/my-app.asar.d/out');
  });

  it('is found beside a bundle, or beside the compiled module', () => {
    const bundled = touch('cli', 'script-worker.cjs');
    expect(defaultWorkerFile(join(dir, 'cli'))).toBe(bundled);
    const compiled = touch('main', 'engine', 'script', 'worker', 'worker-main.js');
    expect(defaultWorkerFile(join(dir, 'main', 'engine', 'script'))).toBe(compiled);
  });

  it('is run from app.asar.unpacked when the bundle is read from app.asar', () => {
    const unpacked = touch('resources', 'app.asar.unpacked', 'out', 'app', 'script-worker.cjs');
    expect(defaultWorkerFile(join(dir, 'resources', 'app.asar', 'out', 'app'))).toBe(unpacked);
  });
});
