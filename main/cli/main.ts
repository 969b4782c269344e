import { Command, CommanderError } from './commander-library.js';
import { VERSION } from '../engine/version.js';
import { registerApp } from './app/app-command.js';
import { registerCompletion } from './completion/completion.js';
import { registerConnect } from './connect/connect-command.js';
import { registerConvert } from './convert/convert-command.js';
import { registerDecode, type Io } from './decode/decode-command.js';
import { UserError } from './errors.js';
import { registerProxy } from './proxy/proxy-command.js';
import { registerReplay } from './replay/replay-command.js';
import { registerRun } from './run/run-command.js';
import { registerServe } from './serve/serve-command.js';
import { registerShow } from './show/show-command.js';
import { registerUi } from './ui/ui-command.js';
import { EXIT, EXIT_CODES_HELP, type ExitCode } from './exit-codes.js';

const version = VERSION;

/** Builds the `wstap` program with every subcommand. */
export function buildProgram(io: Io, setExit: (code: ExitCode) => void): Command {
  const program = new Command('wstap')
    .description('A debugging console for WebSocket sessions: every frame as it was on the wire.')
    .version(version, '-V, --version', 'print the version')
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()
    .addHelpText('after', `\nwscat style: \`wstap -c URL [options]\` is \`wstap connect URL [options]\`; \`wstap -l PORT\` is \`wstap serve --port PORT\`.\n\n${EXIT_CODES_HELP}\n`);
  registerConnect(program, io, setExit);
  registerServe(program, io, setExit);
  registerProxy(program, io, setExit);
  registerReplay(program, io, setExit);
  registerRun(program, io, setExit);
  registerShow(program, io, setExit);
  registerDecode(program, io, setExit);
  registerConvert(program, io, setExit);
  registerUi(program, io, setExit);
  registerApp(program, io, setExit);
  registerCompletion(program, io);
  return program;
}

/**
 * wscat's command line: `wstap -c URL [flags]` is `wstap connect URL [flags]` and `wstap -l PORT
 * [flags]` is `wstap serve --port PORT [flags]`, so that `alias wscat=wstap` keeps working.
 * Anything else is passed through unchanged.
 */
export function rewriteWscatArgv(argv: readonly string[]): string[] {
  if (argv.length === 0 || !argv[0]?.startsWith('-')) return [...argv];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const listen = /^--listen=(.*)$/.exec(arg);
    if (arg === '-l' || arg === '--listen' || listen) {
      const port = listen ? listen[1] : argv[i + 1];
      if (port === undefined) throw new UserError(`${arg} needs a port: wstap -l 8080`);
      const rest = [...argv.slice(0, i), ...argv.slice(i + (listen ? 1 : 2))];
      return ['serve', '--port', port as string, ...rest];
    }
    const inline = /^--connect=(.*)$/.exec(arg);
    if (arg === '-c' || arg === '--connect' || inline) {
      const url = inline ? inline[1] : argv[i + 1];
      if (url === undefined) throw new UserError(`${arg} needs a URL: wstap -c ws://host:port`);
      const rest = [...argv.slice(0, i), ...argv.slice(i + (inline ? 1 : 2))];
      return ['connect', url as string, ...rest];
    }
  }
  return [...argv];
}

/** Runs wstap with `argv` (without node and script) and returns the exit code; never throws. */
export async function main(argv: readonly string[], io: Io = process): Promise<number> {
  let code: ExitCode = EXIT.OK;
  const program = buildProgram(io, (c) => (code = c));
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.OK;
  }
  // A reader that stops early (`wstap --help | head -3`) is not an error of ours: no stack trace.
  // The listener stays: writes still in flight when main returns may fail too.
  const onOutputError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== 'EPIPE') io.stderr.write(`wstap: cannot write the output: ${error.message}\n`);
  };
  io.stdout.on('error', onOutputError);
  try {
    await program.parseAsync(rewriteWscatArgv(argv), { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are successes; everything else commander rejects is usage.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (error instanceof UserError) {
      io.stderr.write(`wstap: ${error.message}\n`);
      return error.exitCode;
    }
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return code;
    io.stderr.write(`wstap: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.INTERNAL;
  }
}
