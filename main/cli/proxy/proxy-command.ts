import { collect, type Command } from '../commander-library.js';
import type { Io } from '../decode/decode-command.js';
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js';
import type { ProxyFlags } from './proxy-plan.js';

/** Registers `wstap proxy --listen PORT --target URL`. */
export function registerProxy(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  program
    .command('proxy')
    .summary('sit between an app and its WebSocket server: relay every byte, show and record every frame')
    .description(
      'A reverse proxy for WebSocket apps: point the app at ws://127.0.0.1:PORT and wstap forwards to the target ' +
        '(ws or wss), keeping path and query, rewriting Host. After the 101 the bytes pass exactly as they came — ' +
        'same masks, fragments and compression — while both directions are decoded and shown (messages, frames with ' +
        '--frames, every event with --json) and recorded with --record. Plain HTTP requests pass through too.',
    )
    .option('-l, --listen <[host:]port>', 'where apps connect (default 127.0.0.1 and a free port)')
    .option('-t, --target <url>', 'the server to forward to: ws://host:port[/base-path] or wss://…')
    .option(
      '-H, --header <name:value>',
      'set this request header toward the target, e.g. an auth token (repeatable)',
      collect,
    )
    .option('--remove-header <name>', 'drop this request header on the way (repeatable)', collect)
    .option('--ca <file>', 'trust this CA (PEM) for a wss target, besides the system ones')
    .option('-k, --insecure', 'do not verify a wss target’s certificate')
    .option(
      '--max-held <bytes>',
      'what /hold (or --latency) keeps per direction before it pauses reading that side (default 16 MiB)',
    )
    .option('--latency <ms>', 'delay every message by this many ms (order kept)')
    .option('--jitter <ms>', 'plus a random 0..ms on each message (order kept)')
    .option(
      '--drop <regex>',
      'drop text messages that match (permessage-deflate is then stripped from the handshake)',
    )
    .option(
      '--drop-rate <share>',
      'drop this share of data messages at random, 0..1 (strips permessage-deflate too)',
    )
    .option(
      '--rules-toward <side>',
      'apply --latency/--jitter/--drop/--drop-rate toward app, target or both (default both)',
    )
    .option('--json', 'every event as one JSON object per line (the shapes recordings store)')
    .option('--frames', 'one line per frame with its header bits instead of one per message')
    .option('--pretty', 'pretty-print JSON text messages')
    .option('-i, --include', 'show upgrade requests and responses in full, and TCP/TLS details')
    .option('-P, --show-ping-pong', 'show ping and pong frames and round trips')
    .option('--base64', 'binary messages shown as base64')
    .option('-q, --quiet', 'only connections opening and closing, and errors: no messages')
    .option('--no-color', 'no colors, even on a terminal (NO_COLOR works too)')
    .option(
      '--record <file>',
      'record every connection (JSON Lines with the wire bytes; wstap show reads it)',
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (flags: ProxyFlags) => {
      const [{ planProxy }, { ProxyRun }] = await Promise.all([
        import('./proxy-plan.js'),
        import('./proxy-run.js'),
      ]);
      setExit(await new ProxyRun(planProxy(flags), io).run());
    });
}

const HELP_AFTER = `
Examples:
  $ wstap proxy --listen 8080 --target ws://localhost:9000      the app connects to ws://127.0.0.1:8080
  $ wstap proxy -l 8080 -t wss://api.example.com --record s.jsonl   then: wstap show s.jsonl --stats
  $ wstap proxy -l 8080 -t ws://localhost:9000/api -H 'Authorization: Bearer T' --frames
  $ wstap proxy -l 8080 -t ws://localhost:9000 --latency 200 --jitter 50 --drop-rate 0.05 --rules-toward app

Directions: > is the app toward the target, < the target toward the app.

Console (type at the prompt, or pipe lines in): interventions on a connection
  /send #3 app hello   /json #3 target {"op":"x"}   /ping #3 app   /binary #3 target 01 02
  /close #3 app 4001 kicked   /close #3 both 1001   /cut #3   /hold #3 app   /release #3 app
  /connections   /help

${EXIT_CODES_HELP}
  With proxy: 0 after a clean stop (Ctrl-C, SIGTERM); 2 when it cannot start (port in use, bad --target).`;
