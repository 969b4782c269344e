import { collect, Option, type Command } from '../commander-library.js';
import type { Io } from '../decode/decode-command.js';
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js';
import type { ConnectFlags } from './connect-plan.js';

/** Registers `wstap connect URL` (also reached as wscat's `wstap -c URL`). */
export function registerConnect(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  const command = program
    .command('connect')
    .summary('open a WebSocket session: type or pipe messages, see every message or frame')
    .description(
      'Connect to a WebSocket server and show the session as it happens: messages both ways with timestamps, ' +
        'control frames and the close handshake with a verdict, or every frame with its header bits (--frames), ' +
        'or every event as JSON (--json). Type messages at the prompt (slash commands: /help), pipe them in ' +
        '(one line, one message; queued until the connection is open), or send with -x; --expect turns the run into a check.',
    )
    .argument('<url>', 'ws:// or wss:// URL; host:port and :port mean ws://')
    // Handshake (wscat's flags where they overlap, websocat's elsewhere).
    .option('-H, --header <name:value>', 'add a request header (repeatable)', collect)
    .option('-s, --subprotocol <protocol>', 'offer a subprotocol (repeatable)', collect)
    .option('-o, --origin <origin>', 'send this Origin header')
    .option('--host <host>', 'send this Host header')
    .addOption(new Option('-p, --protocol <version>', 'WebSocket protocol version (13 only)').hideHelp())
    .option('--auth <user:pass>', 'HTTP basic authentication')
    .option('--bearer <token>', 'send Authorization: Bearer <token>')
    .option('-n, --no-check', 'do not verify the server certificate (wscat; same as -k)')
    .option('-k, --insecure', 'do not verify the server certificate (websocat)')
    .option('--ca <file>', 'trust this CA certificate (PEM) in addition to the system ones')
    .option('--cert <file>', 'client certificate (PEM)')
    .option('--key <file>', "client certificate's key (PEM)")
    .option(
      '--passphrase [passphrase]',
      "passphrase of the client certificate's key; without a value, asked for on the terminal (not echoed)",
    )
    .option('--servername <name>', 'TLS server name (SNI) when it differs from the URL host')
    .option('--proxy <url>', 'connect through an HTTP proxy (CONNECT): http://[user:pass@]host:port')
    .option('-L, --location', 'follow redirects')
    .option('--max-redirects <n>', 'redirects followed at most (default 10)')
    .option('--no-deflate', 'do not offer permessage-deflate compression')
    .option('--max-payload <bytes>', 'largest message accepted (default 100 MiB)')
    .option('--handshake-timeout <seconds>', 'time allowed for the 101 (default 10)')
    // Liveness and reconnects.
    .option('--ping-interval <seconds>', 'send a ping every so many seconds')
    .option('--ping-timeout <seconds>', 'drop the connection when a ping is not answered within this time')
    .option(
      '--no-auto-pong',
      "don't answer pings (to test a server's liveness timeout; /pongs on|off at the prompt)",
    )
    .option(
      '--reconnect',
      'reconnect after a drop, with exponential backoff (1 s doubling to 60 s, jittered)',
    )
    // Input.
    .option(
      '-x, --execute <message>',
      'send this text after connecting, then wait -w and close (repeatable)',
      collect,
    )
    .option(
      '-w, --wait <seconds>',
      'after -x or the end of piped input: wait this long for replies, then close (-1: stay open)',
      '2',
    )
    .option('--slash', 'slash commands in piped input too (always on at the prompt)')
    .option('-b, --binary', 'send piped input as binary messages, one per chunk read')
    .option('-t, --text', 'send piped input as text messages, one per line (the default)')
    .option('--base64', 'binary messages shown as base64; piped lines are base64 sent as binary')
    .option('-E, --exit-on-eof', 'close as soon as piped input ends')
    .option('-1, --one-message', 'close after the first message received')
    .option('--max-messages <n>', 'close after this many messages received')
    .option('--close-status-code <code>', 'the close code wstap sends when it ends the session', '1000')
    .option('--close-reason <text>', 'the close reason wstap sends when it ends the session')
    // Checks.
    .option(
      '--expect <pattern>',
      'wait for a received message matching: /regex/flags, $.json.path=value, or a substring (repeatable: in order)',
      collect,
    )
    .option('--timeout <seconds>', 'with --expect: how long to wait for the match (default 10)')
    .option(
      '--fail-on <codes>',
      'peer close codes that fail the run, e.g. 1011,4000-4999, or none (default: all but 1000, 1001, 1005)',
    )
    // Output.
    .option('--json', 'every event as one JSON object per line (the shapes recordings store)')
    .option('--frames', 'one line per frame with its header bits instead of one per message')
    .option('--pretty', 'pretty-print JSON text messages')
    .option('-i, --include', 'show the upgrade request and response, DNS, TCP and TLS details (stderr)')
    .option('-P, --show-ping-pong', 'show ping and pong frames and round trips')
    .option('--no-color', 'no colors, even on a terminal (NO_COLOR works too)')
    .option('--record <file>', 'write a session recording (JSON Lines with the wire bytes)')
    .addHelpText('after', HELP_AFTER)
    .action(async (url: string, flags: ConnectFlags) => {
      // The flag parsers and the engine (ws, zlib, tls, the frame store) load only for a session,
      // side by side: --version and decode start without them (bench/startup).
      const [{ planConnect }, { ConnectRun }] = await Promise.all([
        import('./connect-plan.js'),
        import('./connect-run.js'),
      ]);
      if (flags.passphrase === true) {
        const { askSecret } = await import('./ask-secret.js');
        flags = { ...flags, passphrase: await askSecret('passphrase for the key: ', io.stdin, io.stderr) };
      }
      const plan = planConnect(url, flags);
      setExit(await new ConnectRun(plan, io).run());
    });
  for (const [a, b] of CONFLICTS) command.options.find((o) => o.attributeName() === a)?.conflicts(b);
}

/** Flags that cannot be combined. */
const CONFLICTS: readonly (readonly [string, string])[] = [
  ['json', 'frames'],
  ['json', 'pretty'],
  ['binary', 'text'],
  ['binary', 'base64'],
  ['oneMessage', 'maxMessages'],
];

const HELP_AFTER = `
Examples:
  $ wstap connect ws://localhost:8080/chat              type messages; /help lists slash commands
  $ wstap -c wss://echo.example.org -H 'Authorization: Bearer T'   (wscat style)
  $ echo '{"op":"ping"}' | wstap connect :8080 --pretty   piped lines are queued until the connection is open
  $ wstap connect :8080 -x '{"op":"subscribe"}' --expect '$.type=subscribed' --timeout 5
  $ wstap connect :8080 -x hello --expect '/^hel+o$/i' && echo ok
  $ wstap connect :8080 --frames -P                    every frame: FIN RSV1 op=text mask=... len=.../7-bit
  $ wstap connect :8080 --json -x hi | jq -c 'select(.type == "message")'
  $ wstap connect :8080 --record session.jsonl

--expect patterns, matched against received text messages, each in turn:
  /regex/flags        a JavaScript regular expression, e.g. '/"ok":\\s*true/'
  $.path=value        a JSON value: '$.type=welcome', '$.items[0].id=7', '$["a b"]=true'
                      (value compared as JSON, or as text for strings); '$.path' alone: present
  anything else       a plain substring

${EXIT_CODES_HELP}
  With connect: 3 also when the server refused the upgrade (status and body shown); 5 when the
  peer closed with a code --fail-on lists (default: any but 1000, 1001, 1005); 7 when a frame the
  peer sent broke RFC 6455 (the violation is shown).`;
