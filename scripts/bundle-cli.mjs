#!/usr/bin/env node
// Bundles the compiled CLI (out/main/cli/main.js and everything it imports, ws and commander
// included) into one CommonJS file, out/cli/wstap.cjs, which bin/wstap.cjs runs. Why: Node 20's ES
// module loader costs resolve + read + compile per file (~60 files for `connect`), and one file can
// be compiled from V8's code cache (see bin/wstap.cjs). bench/startup measures the result.
// Runs after `tsc -p tsconfig.build.json` in `npm run build:main`.
import { build } from 'rolldown';

/** One CommonJS bundle of a compiled entry point and everything it imports. */
const bundle = (input, file) =>
  build({
    input,
    platform: 'node',
    // ws's optional native add-ons stay optional: ws requires them inside try/catch.
    external: [/^node:/, 'bufferutil', 'utf-8-validate'],
    output: { file, format: 'cjs', codeSplitting: false },
    logLevel: 'warn',
  });

await bundle('out/main/cli/main.js', 'out/cli/wstap.cjs');
// The worker thread a script runs in (`wstap run`): a file of its own, next to the CLI bundle.
await bundle('out/main/engine/script/worker/worker-main.js', 'out/cli/script-worker.cjs');
