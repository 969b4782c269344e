import { collect, type Command } from '../commander-library.js';
import type { Io } from '../decode/decode-command.js';
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js';
import type { ReplayFlags } from './replay-plan.js';

/** Registers `wstap replay FILE --target URL`. */
export function registerReplay(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  program
    .command('replay')
    .argument('<file>', 'a wstap recording, a HAR file (Chrome, Playwright, mitmproxy) or mitmproxy flows')
    .summary('send a recorded session’s client messages to a live server and diff what comes back')
    .description(
      'Replays the client side of recorded connections against a live server and compares the server’s ' +
        'messages with the recorded ones: missing, extra and different messages (JSON field by field), late ' +
        'replies and a different close. The live run is recorded too. Exit code 0 when it matched, 8 when not.',
    )
    .option(
      '-t, --target <url>',
      'the server: ws://host:port keeps each recorded path; a URL with a path is used as is (default: the recorded URLs)',
    )
    .option(
      '-m, --mode <mode>',
      'lockstep (wait for the recorded replies before each send), timed (recorded gaps) or fast',
      'lockstep',
    )
    .option('--speed <factor>', 'timed: divide the recorded gaps by this (2 = twice as fast)', '1')
    .option(
      '--match <how>',
      'json (equal JSON, key order free; other text exact), exact, shape (same JSON keys and types) or type',
      'json',
    )
    .option(
      '--ignore <json-path>',
      'leave this field out when comparing: $.id, $..timestamp, $.items[*].ts (repeatable)',
      collect,
    )
    .option('--timeout <duration>', 'how long to wait for a step’s replies and for an expected close', '5s')
    .option(
      '--tolerance <duration>',
      'a reply slower than recorded by more than this is late; off to ignore timing',
      '1s',
    )
    .option(
      '-c, --connection <id>',
      'replay only this recorded connection (repeatable; default all)',
      collect,
    )
    .option(
      '-H, --header <name:value>',
      'send this header with every upgrade request, e.g. a fresh token (repeatable)',
      collect,
    )
    .option('--ca <file>', 'trust this CA (PEM) for wss, besides the system ones')
    .option('-k, --insecure', 'do not verify the server’s certificate')
    .option('--record <file>', 'record the live run here (default: FILE’s name with .replay.jsonl)')
    .option('--no-record', 'do not record the live run')
    .option('--json', 'print the report as one JSON object')
    .option('--no-progress', 'no progress bar (there is none when stderr is not a terminal)')
    .option('--no-color', 'no colors, even on a terminal (NO_COLOR works too)')
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string, flags: ReplayFlags) => {
      const [{ planReplay }, { runReplayCommand }] = await Promise.all([
        import('./replay-plan.js'),
        import('./replay-run.js'),
      ]);
      setExit(await runReplayCommand(planReplay(file, flags), io));
    });
}

const HELP_AFTER = `
Examples:
  $ wstap replay session.jsonl --target ws://localhost:9000            lockstep, recorded paths kept
  $ wstap replay session.jsonl -t ws://localhost:9000 --ignore $.id --ignore $..ts
  $ wstap replay session.jsonl -t ws://staging:9000 --mode timed --speed 2
  $ wstap replay chrome.har -t ws://localhost:9000 --connection 2 --json

${EXIT_CODES_HELP}`;
