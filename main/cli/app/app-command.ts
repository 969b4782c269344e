import type { Command } from '../commander-library.js';
import type { Io } from '../decode/decode-command.js';
import type { ExitCode } from '../exit-codes.js';
import type { AppFlags } from './app-run.js';

/** Registers `wstap app`: the desktop console in its Electron window. */
export function registerApp(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  program
    .command('app')
    .summary('open the desktop console (Electron); `wstap ui` serves the same console to a browser')
    .description(
      'Start the desktop console: the Electron app of this wstap checkout, with its window. It needs ' +
        'Electron’s binary (node_modules/electron, fetched by `npx install-electron --no`; ' +
        'ELECTRON_BINARY names another). It starts an echo server and a client connected to it, unless --empty. ' +
        'Runs until the window is closed; the exit code is the app’s.',
    )
    .option('--empty', 'start with no server or connection (no default echo server and client)')
    .option('--data-dir <path>', 'where saved connections, messages and the window position live')
    .action(async (flags: AppFlags) => {
      const { planApp, runApp } = await import('./app-run.js');
      setExit(await runApp(planApp(flags), io));
    });
}
