#!/usr/bin/env node
// Runs the benchmarks in bench/<name>/run.ts (named <name>) and bench/<dir>/<part>.run.ts (named
// <dir>/<part>): `npm run bench` (all), `npm run bench -- decoder --runs 3`, or `npm run bench -- store`
// (every bench in bench/store/).
//
// Node 20 cannot run TypeScript and no TS runner (tsx, vite-node) is a dependency, so this script
// transpiles bench/**/*.ts with the TypeScript compiler's transpileModule (type stripping only:
// `npm run typecheck` checks bench/ through tsconfig.node.json) into out/bench/, next to the
// out/shared and out/main that `npm run build:main` emits, so the benches' relative imports of
// ../../shared/*.js resolve to the same compiled code the app runs. Each bench then runs in its
// own Node process, so one bench's heap and JIT state cannot skew the next, with --expose-gc for
// benches that measure memory (exposing gc() changes nothing for a bench that does not call it).
// Arguments after the names go to every bench. Extra Node flags: NODE_OPTIONS=--cpu-prof.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const outDir = join(root, 'out', 'bench');

const argv = process.argv.slice(2);
const firstFlag = argv.findIndex((a) => a.startsWith('-'));
const names = firstFlag < 0 ? argv : argv.slice(0, firstFlag);
const passThrough = firstFlag < 0 ? [] : argv.slice(firstFlag);

/** Bench name → its entry, relative to bench/. */
const entries = new Map();
for (const dir of readdirSync(benchDir).sort()) {
  if (dir === 'results' || !statSync(join(benchDir, dir)).isDirectory()) continue;
  if (existsSync(join(benchDir, dir, 'run.ts'))) entries.set(dir, join(dir, 'run.ts'));
  for (const file of readdirSync(join(benchDir, dir)).sort())
    if (file.endsWith('.run.ts')) entries.set(`${dir}/${file.slice(0, -'.run.ts'.length)}`, join(dir, file));
}
const available = [...entries.keys()];
const matches = (name, wanted) => name === wanted || name.startsWith(`${wanted}/`);
const unknown = names.filter((n) => !available.some((a) => matches(a, n)));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
if (!existsSync(join(root, 'out', 'shared'))) {
  console.error(
    'out/shared is missing: run `npm run bench` (it runs build:main first) or `npm run build:main`.',
  );
  process.exit(2);
}

/** Every .ts under `dir` except tests and declarations. */
function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'results' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, root);
const compilerOptions = {
  ...options,
  // transpileModule cannot see package.json "type", so say ESM outright.
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  sourceMap: false,
  inlineSourceMap: true,
  inlineSources: true,
};

rmSync(outDir, { recursive: true, force: true });
for (const file of sources(benchDir)) {
  const rel = relative(benchDir, file);
  const result = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions,
    fileName: file,
    reportDiagnostics: true,
  });
  for (const d of result.diagnostics ?? [])
    console.error(`${rel}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  if (result.diagnostics?.length) process.exit(2);
  const target = join(outDir, rel.replace(/\.ts$/, '.js'));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, result.outputText);
}

let failed = 0;
for (const name of available.filter((a) => names.length === 0 || names.some((n) => matches(a, n)))) {
  console.log(`\n=== bench/${name} ===`);
  const run = spawnSync(
    process.execPath,
    ['--enable-source-maps', '--expose-gc', join(outDir, entries.get(name).replace(/\.ts$/, '.js')), ...passThrough],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) {
    console.error(`bench/${name} failed (${run.signal ?? `exit ${run.status}`})`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
