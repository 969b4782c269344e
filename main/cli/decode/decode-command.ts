import type { Command } from 'commander';
import type { ExitCode } from '../exit-codes.js';

/** The options of `wstap decode` as commander hands them over. */
export interface DecodeFlags {
  readonly hex?: boolean;
  readonly role?: string;
  readonly deflate?: string;
  readonly limit?: string;
  readonly json?: boolean;
  readonly messages?: boolean;
  readonly headersOnly?: boolean;
  readonly maxPayload?: string;
  readonly color?: boolean;
}

/** The streams a command talks to, injectable for tests. */
export interface Io {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/** Registers `wstap decode [FILE|-]`. */
export function registerDecode(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  program
    .command('decode')
    .summary('decode a raw byte stream of one direction of a WebSocket connection')
    .description(
      'Decode the raw bytes one side of a WebSocket connection sent — e.g. a direction exported from\n' +
        'Wireshark\'s "Follow TCP Stream" — and show every frame as it was on the wire: FIN, RSV1-3,\n' +
        'opcode, mask key, payload length and its encoding, close codes, and every RFC 6455 violation\n' +
        'with the close code a strict peer would send. An HTTP upgrade head at the start is skipped\n' +
        '(and its negotiated permessage-deflate is used).',
    )
    .argument('[file]', "file with the bytes ('-' or none: standard input)")
    .option('--hex', 'input is hex text: plain (xxd -p) or a hex dump with offsets (hexdump -C, Wireshark)')
    .option('--role <client|server>', 'who sent the bytes (clients must mask, servers must not); default: inferred')
    .option('--deflate <extensions>', 'the negotiated Sec-WebSocket-Extensions value, to inflate permessage-deflate messages')
    .option('--limit <bytes>', 'decode at most this many bytes')
    .option('--json', 'one JSON object per frame (JSON Lines)')
    .option('--messages', 'also print each reassembled (and inflated) message')
    .option('--headers-only', 'report header fields without unmasking or keeping data payloads')
    .option('--max-payload <bytes>', 'largest frame payload to keep; larger ones are reported (1009)', String(100 * 1024 * 1024))
    .option('--no-color', 'no colors, even on a terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ wstap decode --hex --role server examples/captures/chat-server-to-client.hex
  $ tshark -r s.pcapng -q -z follow,tcp,raw,0 | ... > c2s.hex && wstap decode --hex c2s.hex --json | jq .opcodeName
  $ wstap decode --deflate 'permessage-deflate; server_no_context_takeover' --role server --messages s2c.bin

Exit status: 0 when no violation was found, 7 when one was, 2 for unreadable input.`,
    )
    .action(async (file: string | undefined, flags: DecodeFlags) => {
      // The decoder, printers and inflater load only for a decode: --version and connect start without them.
      const { runDecode } = await import('./decode-run.js');
      setExit(await runDecode(file, flags, io));
    });
}
