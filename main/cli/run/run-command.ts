import type { Command } from '../commander-library.js';
import type { Io } from '../decode/decode-command.js';
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js';
import type { ScriptFlags, TestFlags } from './run-plan.js';

/** The options `run` and `test` share. */
function scriptOptions(command: Command): Command {
  return command
    .option('--timeout <duration>', 'stop a script that runs longer than this (wall clock)', '60s')
    .option('--expect-timeout <duration>', 'default wait of expect, next, ping and expectClose', '5s')
    .option('--frames', 'session lines per frame, with FIN, RSV, opcode, mask and length')
    .option('--json', 'every event (script logs and results included) as one JSON object per line')
    .option('--pretty', 'indent JSON payloads')
    .option('-P, --show-ping-pong', 'show pings and pongs')
    .option('--base64', 'binary payloads in full as base64 instead of a hex preview')
    .option('--record <file>', 'record every connection of the run (wstap show FILE)')
    .option('--no-color', 'no colors, even on a terminal (NO_COLOR works too)');
}

/** Registers `wstap run SCRIPT [-- ARGS]` and `wstap test PATTERN...`. */
export function registerRun(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  scriptOptions(
    program
      .command('run')
      .argument('<script>', 'a .ts, .mts, .js or .mjs module that imports from "wstap"')
      .argument('[args...]', 'what the script sees as `args` (after --)')
      .summary('run a script: connect, send, expect, assert — with an exit code')
      .description(
        'Runs a JavaScript or TypeScript script (docs/scripting.md) in a worker thread: its connections are ' +
          'shown like `wstap connect` shows one (each line prefixed with the connection id), its log lines go ' +
          'to stdout, and the outcome sets the exit code.',
      ),
  )
    .option('-q, --quiet', 'only the script’s own output and its result')
    .addHelpText('after', RUN_HELP)
    .action(async (script: string, args: string[], flags: ScriptFlags) => {
      const [{ planRun }, { runScriptCommand }] = await Promise.all([
        import('./run-plan.js'),
        import('./run-script.js'),
      ]);
      setExit(await runScriptCommand(script, args, planRun(flags), io));
    });
  scriptOptions(
    program
      .command('test')
      .argument(
        '<scripts...>',
        "script files, folders (their *.ws.ts / *.ws.js files) or quoted patterns: 'scripts/**/*.ws.ts'",
      )
      .summary('run many scripts in parallel: a line each, a summary, JUnit XML')
      .description(
        'Runs scripts (docs/scripting.md) up to --jobs at a time and prints a line per script (with the failure ' +
          'and the script’s last output when it failed) and a summary. Exit code 0 when every script passed, 9 when any failed.',
      ),
  )
    .option('-j, --jobs <n>', 'scripts run at once', '4')
    .option('--junit <file>', 'write a JUnit XML report here (for CI)')
    .option('-v, --verbose', 'print every script’s session lines too')
    .option('-q, --quiet', 'no output lines of failed scripts, only the failures')
    .addHelpText('after', TEST_HELP)
    .action(async (patterns: string[], flags: TestFlags) => {
      const [{ planTest }, { testScriptsCommand }] = await Promise.all([
        import('./run-plan.js'),
        import('./test-scripts.js'),
      ]);
      setExit(await testScriptsCommand(planTest(patterns, flags), io));
    });
}

const RUN_HELP = `
Examples:
  $ wstap run examples/scripts/echo.ws.ts -- ws://127.0.0.1:8080
  $ wstap run check.ts --timeout 30s --record check.jsonl
  $ wstap run check.mjs -q --expect-timeout 2s

${EXIT_CODES_HELP}`;

const TEST_HELP = `
Examples:
  $ wstap test 'scripts/**/*.ws.ts' --jobs 8 --junit reports/wstap.xml
  $ wstap test examples/scripts

${EXIT_CODES_HELP}`;
