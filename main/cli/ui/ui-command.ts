import type { Command } from '../commander-library.js';
import type { Io } from '../decode/decode-command.js';
import type { ExitCode } from '../exit-codes.js';
import type { UiFlags } from './ui-plan.js';

/** Registers `wstap ui`: the desktop console in a browser, served on 127.0.0.1. */
export function registerUi(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  program
    .command('ui')
    .summary('open the console in a browser: the desktop app’s window, served on 127.0.0.1')
    .description(
      'Serve the console (the desktop app’s window) to a browser on this machine: the page and its ' +
        'connection to wstap need the token in the printed URL, and only pages from that address may ' +
        'connect. It starts an echo server and a client connected to it, unless --empty. Runs until Ctrl-C.',
    )
    .option('-p, --port <port>', 'port to listen on; 0 picks a free one (default 0)')
    .option(
      '--host <address>',
      'address to bind (default 127.0.0.1; anything else is reachable from other machines)',
    )
    .option('--no-open', 'do not open a browser: only print the URL')
    .option(
      '--data-dir <path>',
      'where saved connections and messages live (default: the desktop app’s, e.g. ~/.config/wstap)',
    )
    .option('--empty', 'start with no server or connection (no default echo server and client)')
    .addHelpText(
      'after',
      `
Examples:
  $ wstap ui                      prints http://127.0.0.1:PORT/?token=… and opens it
  $ wstap ui --no-open --port 7000

Exit codes: 0 after Ctrl-C or SIGTERM (a second Ctrl-C stops at once: 130); 2 when it cannot
start (the console is not built, the port is in use).`,
    )
    .action(async (flags: UiFlags) => {
      const [{ planUi }, { runUi }] = await Promise.all([import('./ui-plan.js'), import('./ui-run.js')]);
      setExit(await runUi(planUi(flags), io));
    });
}
