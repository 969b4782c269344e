#!/usr/bin/env node
// The wstap binary. It runs the CLI bundle out/cli/wstap.cjs (`npm run build` makes it; npm ci runs
// that through `prepare`) and keeps V8's code cache for it: the functions a run compiled are saved
// once per command kind (connect, show, …) in out/cli/cache/ and reused, so later starts skip most
// parsing and compiling — what Node 22's module.enableCompileCache() does, which Node 20 lacks.
// V8 checks a cache against the source, its own version and its flags; a stale or damaged cache is
// rejected and written anew. When out/ is read-only, or WSTAP_NO_CODE_CACHE=1, wstap runs without
// a cache. bench/README.md (startup) says what this buys.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'out', 'cli', 'wstap.cjs');
let source;
try {
  source = fs.readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write(`wstap is not built yet: run \`npm run build\` in ${path.join(__dirname, '..')}\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
const { commandKind, v8FlagsFor } = require('./startup.cjs');
const kind = commandKind(argv);
// proxy and serve run without V8's incremental marking: bin/startup.cjs says why.
const v8Flags = v8FlagsFor(kind, process.execArgv);
if (v8Flags.length > 0) require('node:v8').setFlagsFromString(v8Flags.join(' '));
const cacheFile = path.join(__dirname, '..', 'out', 'cli', 'cache', `${kind}-${process.version}-${process.arch}.bin`);
const useCache = process.env.WSTAP_NO_CODE_CACHE !== '1';
let cachedData;
try {
  if (useCache) cachedData = fs.readFileSync(cacheFile);
} catch {
  // no cache yet
}

// import() inside the bundle (handler modules) goes to Node's own ES module loader.
const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, path.dirname(bundle));

if (useCache && (cachedData === undefined || script.cachedDataRejected)) {
  // At exit the cache holds every function this run compiled, not only the top level.
  process.once('exit', () => {
    const temporary = `${cacheFile}.${process.pid}`;
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile);
    } catch {
      fs.rmSync(temporary, { force: true });
    }
  });
}

bundleModule.exports.main(argv).then((code) => {
  process.exitCode = code;
});
