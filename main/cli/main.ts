import { Command, CommanderError } from 'commander';
import { VERSION } from '../engine/version.js';
import { registerDecode, type Io } from './decode/decode-command.js';
import { UserError } from './errors.js';
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
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n`);
  registerDecode(program, io, setExit);
  return program;
}

/** Runs wstap with `argv` (without node and script) and returns the exit code; never throws. */
export async function main(argv: readonly string[], io: Io = process): Promise<number> {
  let code: ExitCode = EXIT.OK;
  const program = buildProgram(io, (c) => (code = c));
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.OK;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
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
