import { collect, type Command } from '../commander-library.js';
import type { Io } from '../decode/decode-command.js';
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js';
import type { ServeFlags } from './serve-plan.js';

/** Registers `wstap serve` (also reached as wscat's `wstap -l PORT`). */
export function registerServe(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  program
    .command('serve')
    .summary(
      'run a local WebSocket server: echo, broadcast rooms, a mock backend from a file, or a recording',
    )
    .description(
      'Serve WebSocket clients on 127.0.0.1 and show every connection as it happens: the upgrade request, ' +
        'messages both ways, control frames, and how each connection ended. It echoes by default; --broadcast ' +
        'relays messages within rooms; --mock answers by the rules of a YAML or JSON file (docs/mock-format.md) ' +
        'and --handler by a JS/TS module (docs/handlers.md), both reloaded when edited; --replay answers like a ' +
        'recorded session (docs/serve-replay.md). Type at the prompt to ' +
        'send to every client; /help lists the console commands.',
    )
    .option('-p, --port <port>', 'port to listen on; 0 picks a free one (default 0)')
    .option(
      '--host <address>',
      'address to bind (default 127.0.0.1; anything else is reachable from other machines)',
    )
    .option('--echo', 'send every message back to its sender (the default)')
    .option('--broadcast', 'send every message to everyone in the sender’s room (the path, or --room-param)')
    .option('--room-param <name>', 'with --broadcast: take the room from this query parameter (?room=red)')
    .option('--exclude-self', 'with --broadcast: do not send a message back to its sender')
    .option('--mock <file>', 'answer by the routes and rules of a mock file (YAML or JSON)')
    .option('--handler <file>', 'answer with a JS/TS module exporting onConnect/onMessage/onClose')
    .option(
      '--replay <file>',
      'answer like a recording (wstap recording or HAR): each client gets a recorded connection (docs/serve-replay.md)',
    )
    .option(
      '--speed <factor>',
      'with --replay: recorded gaps divided by this (2: twice as fast); max: no waiting',
    )
    .option(
      '--correlate <json-path>',
      'with --replay: copy this field of each request into its replies, e.g. $.id (repeatable)',
      collect,
    )
    .option(
      '--ignore <json-path>',
      'with --replay: a field not compared when matching, e.g. $.ts (repeatable)',
      collect,
    )
    .option(
      '--window <n>',
      'with --replay: a message may match any of the next n unmatched recorded ones (default 8)',
    )
    .option(
      '--on-mismatch <action>',
      'with --replay: warn (the default) or close (1008) when a message is not in the recording',
    )
    .option(
      '--connection <id>',
      'with --replay: serve this recorded connection (repeatable; default all, in file order)',
      collect,
    )
    .option(
      '-s, --subprotocol <protocol>',
      'with --echo/--broadcast: a subprotocol the server speaks (repeatable)',
      collect,
    )
    .option('--tls-cert <file>', 'serve wss:// with this certificate (PEM)')
    .option('--tls-key <file>', 'the certificate’s key (PEM)')
    .option('--tls-self-signed', 'serve wss:// with a certificate made for this run (needs openssl)')
    .option(
      '--max-payload <bytes>',
      'largest message a client may send; larger ones are closed with 1009 (default 16 MiB)',
    )
    .option(
      '--max-fragments <n>',
      'most frames one message may have; more are closed with 1009 (default 1024)',
    )
    .option('--no-deflate', 'refuse permessage-deflate (accepted by default when a client offers it)')
    .option('--no-watch', 'do not reload the mock file or handler when it changes')
    .option(
      '--reload-close <code>',
      'on reload, close connected clients with this code (1012: Service Restart) so they reconnect',
    )
    .option('--json', 'every event as one JSON object per line (the shapes recordings store)')
    .option('--frames', 'one line per frame with its header bits instead of one per message')
    .option('--pretty', 'pretty-print JSON text messages')
    .option('-i, --include', 'show upgrade requests and responses in full')
    .option('-P, --show-ping-pong', 'show ping and pong frames and round trips')
    .option('--base64', 'binary messages shown as base64')
    .option('-q, --quiet', 'only the server, connections opening and closing, and errors: no messages')
    .option('--no-color', 'no colors, even on a terminal (NO_COLOR works too)')
    .option(
      '--record <file>',
      'record every connection (JSON Lines with the wire bytes; wstap show reads it)',
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (flags: ServeFlags) => {
      const [{ planServe }, { ServeRun }] = await Promise.all([
        import('./serve-plan.js'),
        import('./serve-run.js'),
      ]);
      setExit(await new ServeRun(planServe(flags), io).run());
    });
}

const HELP_AFTER = `
Examples:
  $ wstap serve --port 8080                    echo server on ws://127.0.0.1:8080
  $ wstap -l 8080                              the same, wscat style
  $ wstap serve --broadcast --room-param room  chat rooms: ws://127.0.0.1:PORT/?room=red
  $ wstap serve --mock examples/mock/chat.yaml --port 8080    reloaded when the file changes
  $ wstap serve --handler api.ts --reload-close 1012          clients reconnect after each edit
  $ wstap serve --replay session.jsonl --correlate '$.id'    answers like the recording, with the clients' ids
  $ wstap serve --tls-self-signed --json | jq -c 'select(.type == "message")'

Console (type at the prompt, or pipe lines in):
  hello                      send "hello" to every client
  /send #3 hi   /send @lobby hi   /close #3 4001 kicked   /drop #3   /clients   /rooms   /timeline #3

${EXIT_CODES_HELP}
  With serve: 0 after a clean stop (Ctrl-C, SIGTERM, /quit); 2 when it cannot start (port in use,
  a mock file with errors: each shown with its line).`;
