// @ts-check
// Layers are lint rules, not advice: each folder may import only what docs/architecture.md allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electron = {
  name: 'electron',
  message: 'Only main/app and main/preload may load electron (it throws in plain Node).',
};
const pattern = (group, message) => ({ group, message });
const nodeBuiltins = pattern(['node:*'], 'shared/ and renderer/ are runtime-neutral: no Node built-ins.');
const toMain = pattern(
  ['**/main/**', '../main/*', '../../main/*'],
  'Reach main only through the bridge contract in shared/ipc.',
);
const toRenderer = pattern(['**/renderer/**'], 'Main-side code never imports the renderer.');
const toApp = pattern(['**/main/app/**', '../app/*'], 'Only the Electron shell imports main/app.');
const toCli = pattern(['**/main/cli/**', '../cli/*'], 'The engine never depends on a host.');
const toWeb = pattern(['**/main/web/**', '../web/*'], 'The engine never depends on a host.');

/** One no-restricted-imports rule per layer. */
const layer = (files, paths, patterns) => ({
  files,
  // Tests run on Node whatever layer they test.
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  layer(
    ['shared/**'],
    [
      electron,
      { name: 'ws', message: 'shared/ is pure: no network libraries.' },
      { name: 'react', message: 'shared/ is UI-free.' },
    ],
    [
      nodeBuiltins,
      toMain,
      toRenderer,
      pattern(['ws', 'zlib', 'fs', 'net', 'crypto', 'buffer'], 'shared/ is pure TypeScript.'),
    ],
  ),
  layer(['main/engine/**'], [electron], [toRenderer, toApp, toCli, toWeb]),
  layer(['main/cli/**', 'main/web/**'], [electron], [toRenderer, toApp]),
  layer(['main/app/**'], [], [toRenderer, toCli, toWeb]),
  // A sandboxed preload sees only the contract and electron's contextBridge/ipcRenderer.
  layer(
    ['main/preload/**'],
    [],
    [
      toRenderer,
      toCli,
      toWeb,
      toApp,
      nodeBuiltins,
      pattern(['**/main/engine/**', '../engine/*'], 'The preload exposes the contract only.'),
    ],
  ),
  layer(
    ['renderer/**'],
    [electron, { name: 'ws', message: 'The renderer uses the bridge, not sockets.' }],
    [nodeBuiltins, toMain],
  ),
  layer(
    ['e2e/**'],
    [electron],
    [pattern(['**/renderer/**'], 'e2e drives the UI through page objects, never renderer internals.')],
  ),
  {
    // Only the IPC adapter may touch ipcMain (house-style: one contract, one adapter).
    files: ['main/app/**'],
    ignores: ['main/app/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='ipcMain']", message: 'Only main/app/ipc.ts uses ipcMain.' },
      ],
    },
  },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
