import type { Command } from 'commander';
import type { Io } from '../decode/decode-command.js';
import type { ExitCode } from '../exit-codes.js';
import type { ShowFilterFlags } from './show-filter.js';
import type { ShowPlan } from './show-run.js';
import { outputPlanFrom, type OutputFlags } from '../output/output-plan.js';

/** The options of `wstap show` as commander hands them over. */
interface ShowFlags extends ShowFilterFlags, OutputFlags {
  readonly stats?: boolean;
}

/** Registers `wstap show FILE`. */
export function registerShow(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  const command = program
    .command('show')
    .summary('print a session recording like the live session, or summarize it (--stats)')
    .description(
      'Print a recording (written by `wstap connect --record FILE`) exactly as `wstap connect` showed the session ' +
        'live, with the same formats: messages with timestamps since the connect, every frame with its header ' +
        'bits (--frames), or every event as JSON (--json, identical to what `connect --json` printed). Frames are ' +
        'decoded again from the recorded wire bytes. --stats summarizes instead; --dir, --opcode and --grep pick ' +
        'frames and messages (the connection timeline stays), --conn one connection. The file is streamed.',
    )
    .argument('<file>', 'the recording (JSON Lines)')
    .option('--json', 'every event as one JSON object per line, as `connect --json` printed them')
    .option('--frames', 'one line per frame with its header bits instead of one per message')
    .option('--pretty', 'pretty-print JSON text messages')
    .option('-i, --include', 'show the upgrade request and response, DNS, TCP and TLS details (stderr)')
    .option('-P, --show-ping-pong', 'show ping and pong frames and round trips')
    .option('--base64', 'binary messages in full as base64 instead of a hex preview')
    .option('--no-color', 'no colors, even on a terminal (NO_COLOR works too)')
    .option('--stats', 'a summary instead of the events: counts, bytes, round trips, violations, close verdicts (--json: one object)')
    .option('--dir <in|out>', 'only frames and messages received (in) or sent (out)')
    .option('--opcode <list>', 'only frames and messages with these opcodes: text,binary,continuation,close,ping,pong or 0-15')
    .option('--grep <regex>', 'only frames and messages whose text matches (a close frame: its reason); /regex/flags for flags')
    .option('--conn <n>', 'only the events of connection n (a reconnecting session has one per attempt)')
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string, flags: ShowFlags) => {
      // Filters, the reader and the frame decoder load only for a run: `wstap --version` starts without them.
      const { parseShowFilter } = await import('./show-filter.js');
      const plan: ShowPlan = {
        file,
        output: outputPlanFrom(flags),
        stats: flags.stats === true,
        filter: parseShowFilter(flags),
      };
      const { runShow } = await import('./show-run.js');
      setExit(await runShow(plan, io));
    });
  for (const [a, b] of CONFLICTS) command.options.find((o) => o.attributeName() === a)?.conflicts(b);
}

/** Flags that cannot be combined: one output format, and --stats prints no events to shape. */
const CONFLICTS: readonly (readonly [string, string])[] = [
  ['json', 'frames'],
  ['json', 'pretty'],
  ['stats', 'frames'],
  ['stats', 'pretty'],
  ['stats', 'include'],
  ['stats', 'showPingPong'],
  ['stats', 'base64'],
];

const HELP_AFTER = `
Examples:
  $ wstap connect :8080 --record session.jsonl         record a session
  $ wstap show session.jsonl                           print it as it was shown live
  $ wstap show session.jsonl --frames -P               every frame, pings and pongs included
  $ wstap show session.jsonl --json | jq -c 'select(.type == "message") | .text'
  $ wstap show session.jsonl --stats                   counts, bytes, round trips, close verdict
  $ wstap show session.jsonl --stats --json | jq .in.wireBytes
  $ wstap show session.jsonl --dir in --grep '/"type":"error"/i'
  $ wstap show session.jsonl --opcode ping,pong --frames

Filters: --dir, --opcode and --grep select frames and messages; the rest of the timeline
(connecting, open, round trips, the close verdict) is always shown. --conn selects one
connection's events, timeline included. --stats counts what the filters let through.

Exit status: 0 when the recording was read (a last line cut by a crash is reported on stderr
and is not an error), 2 when the file is missing or corrupt (the message names the line; what
came before it is printed first).`;
