#!/usr/bin/env node
// Bundles the Electron shell from its TypeScript sources (rolldown reads TS and resolves the `.js`
// specifiers to `.ts`): out/app/main.cjs (main/app/main.ts and the engine it runs) and
// out/app/preload.cjs. The preload runs sandboxed, where require() knows only `electron` and a few
// built-ins — hence one file with nothing else external. `npm run build:app`; `npm run build` runs it.
// `node scripts/bundle-app.mjs DIR` writes to DIR instead (main/app/main.test.ts).
// (The console runs no scripts yet; when it does, bundle main/engine/script/worker/worker-main.ts to
// out/app/script-worker.cjs, where script-host.ts looks, and unpack it from the asar.)
import { join, resolve } from 'node:path';
import { build } from 'rolldown';

const root = join(import.meta.dirname, '..');

/** One CommonJS bundle of a TypeScript entry point. */
const bundle = (input, file, external) =>
  build({
    input,
    platform: 'node',
    external,
    output: { file, format: 'cjs', codeSplitting: false },
    logLevel: 'warn',
  });

// ws's optional native add-ons stay optional (required inside try/catch); Node built-ins are
// external on platform 'node'.
const main = ['electron', /^node:/, 'bufferutil', 'utf-8-validate'];

const outDir = resolve(process.argv[2] ?? join(root, 'out', 'app'));
await bundle(join(root, 'main/app/main.ts'), join(outDir, 'main.cjs'), main);
await bundle(join(root, 'main/preload/preload.ts'), join(outDir, 'preload.cjs'), ['electron']);
