#!/usr/bin/env node
// LAYOUT CHECK of the desktop package — not a runnable app. No Electron binary can be had on these
// machines (docs: field-notes.md), so electron-builder packs the app `--linux dir` around a STUB
// Electron (a fake `electron` executable and the few files electron-builder moves), with the real
// electron-builder.yml otherwise. What this proves: electron-builder accepts the config and the
// app's files land where Electron looks for them (resources/app.asar: package.json with "main",
// out/app/main.cjs, out/app/preload.cjs, out/renderer/index.html), with what the Scripts tab loads
// at run time (out/app/script-worker.cjs, also unpacked beside the archive as a worker must start
// from a real file; out/app/types/script.d.mts, the API's declarations; node_modules/typescript),
// and nothing else of ours (sources, maps, build caches, stray files). What it cannot prove: that
// the app starts (e2e/electron.spec.ts does, where Electron exists), or the AppImage/deb/dmg/nsis
// targets (they download tools).
// Run after `npm run build`. `npm run package:check`.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ELECTRON_VERSION = '45.4.1';
const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** Files the build makes that the package must hold (inside app.asar or app/). */
const BUILT = [
  'out/app/main.cjs',
  'out/app/preload.cjs',
  'out/app/script-worker.cjs',
  'out/app/types/script.d.mts',
  'out/renderer/index.html',
];
/** Production dependencies the bundle requires at run time: the compiler (.ts scripts, completions). */
const MODULES = ['node_modules/typescript/package.json', 'node_modules/typescript/lib/typescript.js'];
const REQUIRED = ['package.json', ...BUILT, ...MODULES];
/** Files that must also be real files in app.asar.unpacked/: worker threads start from them. */
const UNPACKED = ['out/app/script-worker.cjs'];
/** Our files (not node_modules) the package may hold: the required ones and the renderer's build. */
const expected = (f) => REQUIRED.includes(f) || f.startsWith('out/renderer/');
/** What must not be shipped: sources, tests, source maps, build caches. */
const FORBIDDEN = [
  /^main\//,
  /^shared\//,
  /^renderer\//,
  /\.test\.[cm]?[jt]sx?$/,
  /\.map$/,
  /^out\/\.tsbuild\//,
  /^out\/cli\/cache\//,
];

function fail(message) {
  console.error(`layout check (stub Electron, not a runnable app): FAILED — ${message}`);
  process.exit(1);
}

for (const file of BUILT) {
  if (!existsSync(join(root, file))) fail(`${file} is missing: run \`npm run build\` first`);
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (manifest.main !== 'out/app/main.cjs')
  fail(`package.json "main" is ${JSON.stringify(manifest.main)}, not "out/app/main.cjs"`);

/** A stand-in for Electron's dist folder: what electron-builder copies and renames, nothing more. */
function stubElectronDist(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  writeFileSync(
    join(dir, 'electron'),
    '#!/bin/sh\necho "stub Electron from scripts/package-check.mjs: not runnable" >&2\nexit 1\n',
  );
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'stub\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), 'stub\n');
  writeFileSync(join(dir, 'version'), ELECTRON_VERSION);
}

const work = mkdtempSync(join(tmpdir(), 'wstap-package-check-'));
try {
  const dist = join(work, 'electron-dist');
  const output = join(work, 'release');
  stubElectronDist(dist);
  const builder = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const run = spawnSync(
    process.execPath,
    [
      builder,
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${dist}`,
      `-c.electronVersion=${ELECTRON_VERSION}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  if (run.status !== 0) fail(`electron-builder exited with ${run.status}:\n${run.stdout}\n${run.stderr}`);

  const unpacked = join(output, 'linux-unpacked');
  const executable = join(unpacked, manifest.name);
  if (!existsSync(executable)) fail(`no executable ${executable} (the stub renamed after the product)`);
  const asarFile = join(unpacked, 'resources', 'app.asar');
  const appDir = join(unpacked, 'resources', 'app');
  let files;
  if (existsSync(asarFile)) {
    const asar = require('@electron/asar');
    const entries = asar
      .listPackage(asarFile, { isPack: false })
      .map((f) => f.replace(/\\/g, '/').replace(/^\//, ''));
    // The listing holds folders too: a folder is an entry some other entry lies under.
    const prefixes = (f) =>
      f
        .split('/')
        .slice(1)
        .map((_, i) =>
          f
            .split('/')
            .slice(0, i + 1)
            .join('/'),
        );
    const folders = new Set(entries.flatMap(prefixes));
    files = entries.filter((f) => !folders.has(f));
  } else if (existsSync(appDir)) {
    files = spawnSync('find', ['.', '-type', 'f'], { cwd: appDir, encoding: 'utf8' })
      .stdout.split('\n')
      .map((f) => f.replace(/^\.\//, ''));
  } else {
    fail(`neither resources/app.asar nor resources/app/ in ${unpacked}`);
  }
  const present = new Set(files);
  const missing = REQUIRED.filter((f) => !present.has(f));
  if (missing.length > 0) fail(`missing from the package: ${missing.join(', ')}`);
  const stray = files.filter(
    (f) => f !== '' && !f.startsWith('node_modules/') && (FORBIDDEN.some((re) => re.test(f)) || !expected(f)),
  );
  if (stray.length > 0)
    fail(`shipped but should not be: ${stray.slice(0, 10).join(', ')}${stray.length > 10 ? ', …' : ''}`);
  if (existsSync(asarFile)) {
    const unpackedDir = join(unpacked, 'resources', 'app.asar.unpacked');
    const notUnpacked = UNPACKED.filter((f) => !existsSync(join(unpackedDir, f)));
    if (notUnpacked.length > 0) fail(`not unpacked beside app.asar: ${notUnpacked.join(', ')}`);
  }
  const packedManifest = existsSync(asarFile)
    ? JSON.parse(require('@electron/asar').extractFile(asarFile, 'package.json').toString('utf8'))
    : JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
  if (packedManifest.main !== 'out/app/main.cjs')
    fail(`the packed package.json has "main": ${JSON.stringify(packedManifest.main)}`);

  const ours = files.filter((f) => !f.startsWith('node_modules/') && f !== '');
  const modules = new Set(
    files
      .filter((f) => f.startsWith('node_modules/'))
      .map((f) =>
        f
          .split('/')
          .slice(0, f.split('/')[1].startsWith('@') ? 3 : 2)
          .join('/'),
      ),
  );
  console.log(
    `packed ${asarFile.replace(`${work}/`, '<tmp>/')}: ${ours.length} app files, ${modules.size} node_modules packages`,
  );
  for (const file of REQUIRED)
    console.log(`  ok  ${file}${UNPACKED.includes(file) && existsSync(asarFile) ? ' (unpacked)' : ''}`);
  console.log('layout check (stub Electron, not a runnable app): OK');
} finally {
  rmSync(work, { recursive: true, force: true });
}
