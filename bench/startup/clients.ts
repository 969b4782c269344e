import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A command-line client the bench starts, as `node <script> …`. */
export interface Client {
  readonly id: 'wstap' | 'wstap-cold' | 'wscat' | 'node';
  readonly label: string;
  /** Environment variables set for this client on top of the bench's. */
  readonly env?: Readonly<Record<string, string>>;
  /** Arguments after `node` that print the version and exit. */
  readonly versionArgs: readonly string[];
  /** What `versionArgs` must print (trimmed): the referee of the version runs. */
  readonly version: string;
  /** Arguments after `node` that connect to `url` and print what arrives; null: not in that race. */
  readonly connectArgs: ((url: string) => readonly string[]) | null;
}

/** What is missing for the bench to run, or null. */
export function missingClients(root: string): string | null {
  if (!existsSync(resolve(root, 'out/main/cli/main.js')))
    return 'out/main/cli/main.js is missing: run `npm run bench -- startup` (it runs build:main first)';
  if (!existsSync(resolve(root, 'node_modules/wscat/bin/wscat')))
    return 'node_modules/wscat is missing: run `npm ci` (wscat is a devDependency, the baseline)';
  return null;
}

const versionOf = (packageJson: string): string =>
  (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;

/**
 * The contestants: wstap (its package.json `bin` on the build in out/, as `npm i -g` would run
 * it, with its code cache as every run after the first has it), the same without the code cache
 * (WSTAP_NO_CODE_CACHE=1: what a first run after a build or an upgrade costs), wscat
 * from npm (its bin script), and, for the version race only, `node -e ""`: the floor every Node
 * CLI pays before its first line runs, so the rest is each tool's own start-up.
 */
export function clients(root: string): readonly Client[] {
  const wstap = resolve(
    root,
    process.env.WSTAP_BENCH_BIN ??
      (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { bin: { wstap: string } }).bin
        .wstap,
  );
  const wscat = resolve(root, 'node_modules/wscat/bin/wscat');
  return [
    {
      id: 'wstap',
      label: `wstap ${versionOf(resolve(root, 'package.json'))}`,
      versionArgs: [wstap, '--version'],
      version: versionOf(resolve(root, 'package.json')),
      connectArgs: (url) => [wstap, 'connect', url],
    },
    {
      id: 'wstap-cold',
      label: 'wstap, no code cache',
      env: { WSTAP_NO_CODE_CACHE: '1' },
      versionArgs: [wstap, '--version'],
      version: versionOf(resolve(root, 'package.json')),
      connectArgs: (url) => [wstap, 'connect', url],
    },
    {
      id: 'wscat',
      label: `wscat ${versionOf(resolve(root, 'node_modules/wscat/package.json'))}`,
      versionArgs: [wscat, '--version'],
      version: versionOf(resolve(root, 'node_modules/wscat/package.json')),
      connectArgs: (url) => [wscat, '-c', url],
    },
    {
      id: 'node',
      label: 'node -e "" (floor)',
      versionArgs: ['-e', ''],
      version: '',
      connectArgs: null,
    },
  ];
}
