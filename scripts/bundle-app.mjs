#!/usr/bin/env node
// Bundles the Electron shell from its TypeScript sources (rolldown reads TS and resolves the `.js`
// specifiers to `.ts`): out/app/main.cjs (main/app/main.ts and the engine it runs) and
// out/app/preload.cjs. The preload runs sandboxed, where require() knows only `electron` and a few
// built-ins — hence one file with nothing else external. `npm run build:app`; `npm run build` runs it.
// `node scripts/bundle-app.mjs DIR` writes to DIR instead (main/app/main.test.ts).
// What the Scripts tab needs comes along: out/app/script-worker.cjs, the worker thread a script
// runs in (main/engine/script/worker-file.ts looks beside the bundle; electron-builder.yml unpacks
// it from the asar), and out/app/types/script.d.mts, types/script.d.ts copied under a name
// electron-builder packs (it drops every *.d.ts), which the editor's completions are read from
// (script-completions.ts looks upwards from the bundle). The TypeScript compiler (.ts scripts,
// completions) is not bundled: it is a production dependency, required when first needed, and
// electron-builder packs it into node_modules.
import { copyFileSync, mkdirSync } from 'node:fs';
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
await bundle(join(root, 'main/engine/script/worker/worker-main.ts'), join(outDir, 'script-worker.cjs'), [
  /^node:/,
]);
mkdirSync(join(outDir, 'types'), { recursive: true });
copyFileSync(join(root, 'types', 'script.d.ts'), join(outDir, 'types', 'script.d.mts'));
