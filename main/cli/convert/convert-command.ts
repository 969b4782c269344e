import { collect, type Command } from '../commander-library.js';
import type { Io } from '../decode/decode-command.js';
import type { ExitCode } from '../exit-codes.js';
import { convertPlan, formatsHelp, type ConvertFlags } from './convert-plan.js';

/** Registers `wstap convert IN OUT`. */
export function registerConvert(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  program
    .command('convert')
    .summary(
      'convert a recording, HAR file or mitmproxy flows to HAR, a wstap recording, k6, Playwright or a mock',
    )
    .description(
      'Read IN — a wstap recording, a HAR file (Chrome DevTools, Playwright, mitmproxy, wstap), or mitmproxy flows ' +
        "(mitmdump -w) — and write its WebSocket connections to OUT in the format OUT's extension or --to names. " +
        "IN's format is recognized from its content. wstap → HAR → wstap gives back the same file, line for line.",
    )
    .argument('<in>', 'the file to read')
    .argument('<out>', "the file to write ('-': standard output, with --to)")
    .option(
      '--to <format>',
      'the output format, whatever OUT is named: har, wstap, messages, k6, playwright, mock',
    )
    .option('--from <format>', 'insist that IN is this: wstap, har, mitmproxy (it is recognized anyway)')
    .option(
      '--connection <ids>',
      "only these connections (a recording's conn, a HAR entry's number among the WebSocket ones); repeat or 1,3",
      collect,
    )
    .option(
      '--ignore <json-path>',
      'k6, playwright, mock: a volatile field left out when matching messages ($.id); repeat',
      collect,
    )
    .option('--speed <factor>', 'k6, playwright: play the recorded gaps this many times faster')
    .option('--target <url>', 'k6: connect here instead of the recorded server')
    .addHelpText(
      'after',
      `
${formatsHelp()}

Examples:
  $ wstap convert session.jsonl session.har            open it in Chrome DevTools (Network, Import HAR)
  $ wstap convert session.har back.jsonl               the same recording again, line for line
  $ wstap convert devtools-export.har chat.jsonl       a browser's session as a recording: wstap show chat.jsonl
  $ mitmdump -w flows.mitm ... ; wstap convert flows.mitm flows.har
  $ wstap convert session.jsonl load.k6.js --target wss://staging.example.com
  $ wstap convert session.har - --to messages | jq -c 'select(.from == "server")'

Exit status: 0 when OUT was written, 2 when IN cannot be read (the message names the line or field)
or the options are wrong. Warnings (edited messages, frames that are not messages) go to stderr.`,
    )
    .action(async (input: string, output: string, flags: ConvertFlags) => {
      const plan = convertPlan(input, output, flags);
      // The readers and writers load only for a conversion: `wstap --version` starts without them.
      const { runConvert } = await import('./convert-run.js');
      setExit(await runConvert(plan, io));
    });
}
