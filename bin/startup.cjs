// What bin/wstap.cjs decides before it compiles the CLI bundle: which kind of command runs (its
// code cache is kept per kind) and which V8 flags that command gets.
//
// V8 flags: `proxy` and `serve` move a lot of bytes through short-lived Buffers on a small heap (≈ 8 MB).
// With incremental marking on, V8 starts a major GC whenever the old generation's room left (its
// limit minus its size: ≈ 12 MB here) is smaller than the young generation's capacity (16 MB once
// the socket reads have grown it) — so after nearly every scavenge: 15–25 mark-compacts a second
// when 64 KiB messages stream through, each freeing next to nothing. Without incremental marking a
// major GC runs when the old generation reaches its limit: 3–7 in 4 s instead of ≈ 100, and
// 25–35% less CPU per 64 KiB echo (bench/README.md#proxy). Its pauses are atomic, which on heaps
// this small is a few milliseconds. The flag is read when a GC would start, so setting it at run
// time works; it is set before the bundle runs, while no marking can have begun. Someone who runs
// `node --incremental-marking bin/wstap.cjs proxy …` keeps V8's default.
'use strict';

const COMMANDS = new Set([
  'connect',
  'show',
  'decode',
  'serve',
  'proxy',
  'replay',
  'run',
  'test',
  'convert',
  'ui',
  'app',
  'completion',
]);

/** The command's kind: its name, or for wscat's style (`-c URL`, `-l PORT`: main.ts rewriteWscatArgv) the command it becomes. */
function commandKind(argv) {
  if (COMMANDS.has(argv[0])) return argv[0];
  if (argv.length === 0 || !argv[0].startsWith('-')) return 'other';
  for (const arg of argv) {
    if (arg === '-l' || arg === '--listen' || arg.startsWith('--listen=')) return 'serve';
    if (arg === '-c' || arg === '--connect' || arg.startsWith('--connect=')) return 'connect';
  }
  return 'other';
}

const RELAYS = new Set(['proxy', 'serve']);

/** The V8 flags for a command kind (proxy, serve, connect, other, …) given Node's own options. */
function v8FlagsFor(kind, execArgv) {
  if (!RELAYS.has(kind)) return [];
  if (execArgv.some((option) => /^--(no-)?incremental[-_]marking(=|$)/.test(option))) return [];
  return ['--no-incremental-marking'];
}

module.exports = { commandKind, v8FlagsFor };
