import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createConsoleService, type ConsoleService } from '../../engine/console/console-service.js';
import { VERSION } from '../../engine/version.js';
import { startWebHost, type WebHost } from '../../web/web-host.js';
import { isLoopback, urlHost } from '../../web/web-guard.js';
import type { Io } from '../decode/decode-command.js';
import { UserError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { paletteFor, type Palette } from '../terminal.js';
import { openBrowser } from './open-browser.js';
import type { UiPlan } from './ui-plan.js';

/** Errors of listen() the user can fix (another port, another address). */
const LISTEN_ERRORS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use (--port 0 picks a free one)',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'this machine has no such address',
  ENOTFOUND: 'no such host',
};

/**
 * One `wstap ui` run: the console service, the web host serving the renderer build and the bridge,
 * the printed URL (token included), the browser opened; it runs until Ctrl-C or SIGTERM, then
 * closes the pages' sockets and disposes the engine. A second Ctrl-C stops at once (exit 130).
 */
export async function runUi(plan: UiPlan, io: Io): Promise<ExitCode> {
  const index = join(plan.rendererDir, 'index.html');
  if (!existsSync(index)) {
    throw new UserError(`the console is not built (${index} is missing): run \`npm run build\` first`);
  }
  const err = paletteFor(io.stderr, false);
  if (!isLoopback(plan.host)) {
    io.stderr.write(
      err.yellow(
        `warning: --host ${plan.host} is not loopback: other machines may reach the console; ` +
          'anyone with its URL (the token) can connect anywhere this machine can, as you\n',
      ),
    );
  }
  // Listening before anything starts: a signal that came between printing the URL and listening
  // would kill the process without the clean stop.
  const signal = listenForSignals(io, err);
  try {
    const service = createConsoleService({ host: 'web', version: VERSION, dataDir: plan.dataDir });
    const web = await startHost(plan, service, io, err);
    if (!plan.empty) {
      await service.startDefault().catch((error: Error) => {
        io.stderr.write(
          err.yellow(`warning: the default echo server and client did not start: ${error.message}\n`),
        );
      });
    }
    io.stdout.write(`wstap console: ${web.url}\n`);
    if (plan.open) {
      const why = await openBrowser(web.url);
      if (why !== null) io.stderr.write(err.dim(`${why}\n`));
    }
    io.stderr.write(err.dim('Ctrl-C stops the console\n'));
    await signal.received;
    await web.stop();
    await service.dispose();
    return EXIT.OK;
  } finally {
    signal.off();
  }
}

async function startHost(plan: UiPlan, service: ConsoleService, io: Io, err: Palette): Promise<WebHost> {
  try {
    return await startWebHost({
      service,
      host: plan.host,
      port: plan.port,
      rendererDir: plan.rendererDir,
      log: (line) => io.stderr.write(err.dim(`wstap ui: ${line}\n`)),
    });
  } catch (error) {
    await service.dispose();
    const reason = LISTEN_ERRORS[(error as NodeJS.ErrnoException).code ?? ''];
    if (reason) throw new UserError(`cannot listen on ${urlHost(plan.host)}:${plan.port}: ${reason}`);
    throw error;
  }
}

/** A promise of the first SIGINT or SIGTERM (a second one exits at once), and the end of listening. */
function listenForSignals(io: Io, err: Palette): { readonly received: Promise<void>; off(): void } {
  let signals = 0;
  let resolve!: () => void;
  const received = new Promise<void>((r) => (resolve = r));
  const onSignal = (): void => {
    signals++;
    if (signals > 1) process.exit(EXIT.INTERRUPTED);
    io.stderr.write(err.dim('stopping the console (Ctrl-C again to stop at once)\n'));
    resolve();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    received,
    off() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
