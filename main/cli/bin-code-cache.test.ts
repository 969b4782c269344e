// bin/wstap.cjs runs the CLI bundle with V8's code cache: on a copy of the install in a temp dir,
// so the cache files seen here are this test's alone.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliOnce, ROOT } from './bin.test-util.js';

describe('the binary’s code cache', () => {
  let home = '';
  const cacheDir = (): string => join(home, 'out', 'cli', 'cache');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(home, 'bin', 'wstap.cjs'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;

  beforeAll(async () => {
    await buildCliOnce();
    home = mkdtempSync(join(tmpdir(), 'wstap-cache-'));
    mkdirSync(join(home, 'bin'));
    mkdirSync(join(home, 'out', 'cli'), { recursive: true });
    for (const file of ['wstap.cjs', 'startup.cjs'])
      copyFileSync(join(ROOT, 'bin', file), join(home, 'bin', file));
    copyFileSync(join(ROOT, 'out', 'cli', 'wstap.cjs'), join(home, 'out', 'cli', 'wstap.cjs'));
    copyFileSync(join(ROOT, 'package.json'), join(home, 'package.json'));
  }, 180_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('writes one cache per command kind and reuses it unchanged', () => {
    expect(run('--version')).toMatchObject({ status: 0, stdout: `${version}\n` });
    expect(run('decode', '--help')).toMatchObject({ status: 0 });
    const files = readdirSync(cacheDir()).sort();
    expect(files).toEqual([
      `decode-${process.version}-${process.arch}.bin`,
      `other-${process.version}-${process.arch}.bin`,
    ]);
    const before = readFileSync(join(cacheDir(), files[1] as string));
    expect(run('--version')).toMatchObject({ status: 0, stdout: `${version}\n` });
    expect(readFileSync(join(cacheDir(), files[1] as string)).equals(before)).toBe(true);
    // V8 accepts it for the bundle, in a fresh Node like the binary's.
    const check = `const vm = require('node:vm'), fs = require('node:fs'), M = require('node:module');
      const s = new vm.Script(M.wrap(fs.readFileSync(process.argv[1], 'utf8')), { filename: process.argv[1], cachedData: fs.readFileSync(process.argv[2]) });
      process.stdout.write(String(s.cachedDataRejected));`;
    const accepted = spawnSync(
      process.execPath,
      ['-e', check, join(home, 'out', 'cli', 'wstap.cjs'), join(cacheDir(), files[1] as string)],
      { encoding: 'utf8' },
    );
    expect(accepted.stdout).toBe('false');
  });

  it('keeps the cache of a command run with V8 flags of its own (proxy: bin/startup.cjs)', () => {
    expect(run('proxy', '--help')).toMatchObject({ status: 0 });
    const file = join(cacheDir(), `proxy-${process.version}-${process.arch}.bin`);
    const before = readFileSync(file);
    expect(run('proxy', '--help')).toMatchObject({ status: 0 });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('runs the same with a damaged cache and writes it anew', () => {
    const file = join(cacheDir(), `other-${process.version}-${process.arch}.bin`);
    writeFileSync(file, 'not a code cache');
    expect(run('--version')).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: '' });
    expect(readFileSync(file).length).toBeGreaterThan(1000);
  });

  it('says how to build when the bundle is missing', () => {
    rmSync(join(home, 'out', 'cli', 'wstap.cjs'));
    const missing = run('--version');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^wstap is not built yet: run `npm run build` in /);
  });
});
