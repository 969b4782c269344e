/**
 * A conversation as a k6 load test (docs/exports.md): each iteration opens the recorded
 * connections with `k6/websockets`, sends the client's messages on the recorded timeline
 * (`setTimeout` from `k6/timers`), checks that the server's messages arrive (number and content)
 * and closes the way the recording did. Only documented k6 API: `check` (k6), `WebSocket`
 * (k6/websockets), `setTimeout`/`clearTimeout` (k6/timers), `b64decode`/`b64encode` (k6/encoding),
 * `__ENV`.
 */
import type { Conversation, ConversationConnection, ConversationMessage } from '../conversation.js';
import { exportPlan, pathAndQuery, scaledMs, type ExportOptions } from './export-options.js';
import { payloadOf } from './exchanges.js';
import { runtimeSource } from './runtime-source.js';

const DEFAULT_TIMEOUT_MS = 5000;

/** The k6 script (an ES module) replaying the selected connections. */
export function toK6Script(conversation: Conversation, options: ExportOptions): string {
  const { connections, ignore, speed, header } = exportPlan(conversation, options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const script = options.output?.split(/[\\/]/).pop() ?? 'replay.k6.js';
  const first = Math.min(...connections.map((c) => c.startedAt));
  return [
    ...header.map((l) => `// ${l}`),
    '//',
    '// A k6 load test: every iteration opens the recorded connections, sends the client messages with',
    "// the recorded gaps and checks that the server's messages arrive (how many, and what they say).",
    ...howToRun(script),
    '// k6 exits with 99 when a check fails (the checks threshold below).',
    "import { check } from 'k6';",
    "import { b64decode, b64encode } from 'k6/encoding';",
    "import { clearTimeout, setTimeout } from 'k6/timers';",
    "import { WebSocket } from 'k6/websockets';",
    '',
    'export const options = {',
    '  vus: 1,',
    '  iterations: 1,',
    "  thresholds: { checks: ['rate==1'] },",
    '};',
    '',
    `const TARGET = __ENV.TARGET || ${JSON.stringify(options.target ?? '')};`,
    `const SPEED = Number(__ENV.SPEED || ${speed});`,
    "// How long to wait for the server's messages (or its Close) after the recorded time.",
    `const TIMEOUT_MS = ${timeoutMs};`,
    `const CHECK_CONTENT = ${options.checkContent ?? true};`,
    `// JSON fields left out when messages are compared: ${ignore.map((p) => p.source).join(', ') || 'none'}.`,
    `const IGNORE = ${JSON.stringify(ignore.map((p) => p.steps))};`,
    '',
    '// Each connection opens `startAt` ms into the iteration; `at` is ms after it opened: `send` is',
    "// the client's message, `expect` the server's; `close` is who closed it and when.",
    'const CONNECTIONS = [',
    ...connections.map((c) => connectionData(c, first)),
    '];',
    '',
    REPLAY_JS,
    '',
    runtimeSource('js'),
    '',
  ].join('\n');
}

/** The ways to run it, their explanations lined up. */
function howToRun(script: string): string[] {
  const ways: [string, string][] = [
    [`k6 run ${script}`, 'one virtual user, one iteration'],
    [`k6 run --vus 50 --duration 1m ${script}`, '50 users replaying it over and over for a minute'],
    [`k6 run -e TARGET=wss://staging.example.com ${script}`, 'another server (the recorded paths stay)'],
    [`k6 run -e SPEED=2 ${script}`, 'the recorded gaps twice as fast'],
  ];
  const width = Math.max(...ways.map(([command]) => command.length));
  return ways.map(([command, what]) => `//   ${command.padEnd(width)}   ${what}`);
}

function connectionData(connection: ConversationConnection, first: number): string {
  const { messages } = connection;
  const base = Math.min(messages[0]?.t ?? Infinity, connection.close?.t ?? Infinity);
  const at = (t: number): number => (Number.isFinite(base) ? scaledMs(t - base, 1) : 0);
  const lines = [
    '  {',
    `    id: ${connection.id},`,
    `    url: ${JSON.stringify(connection.url)},`,
    `    path: ${JSON.stringify(pathAndQuery(connection.url))},`,
    `    startAt: ${scaledMs(connection.startedAt - first, 1)},`,
    '    messages: [',
    ...messages.map(
      (m) => `      { at: ${at(m.t)}, ${m.from === 'client' ? 'send' : 'expect'}: ${payload(m)} },`,
    ),
    '    ],',
    `    close: ${closeData(connection, at)},`,
    '  },',
  ];
  return lines.join('\n');
}

function payload(message: ConversationMessage): string {
  return JSON.stringify(payloadOf(message));
}

function closeData(connection: ConversationConnection, at: (t: number) => number): string {
  const close = connection.close;
  const lastAt = at(connection.messages.at(-1)?.t ?? 0);
  if (close === null || close.initiator === 'none') return `{ by: 'client', at: ${lastAt}, code: null }`;
  const when = Math.max(lastAt, at(close.t));
  if (close.initiator === 'server') return `{ by: 'server', at: ${when} }`;
  return `{ by: 'client', at: ${when}, code: ${sendableCode(close.code)} }`;
}

/** A code a client's close() may send (RFC 6455 §7.4: not 1004-1006, 1015; k6 follows the browser list). */
function sendableCode(code: number | null): number | null {
  if (code === null) return null;
  return code === 1000 || (code >= 3000 && code <= 4999) ? code : null;
}

const REPLAY_JS = String.raw`export default function () {
  for (const connection of CONNECTIONS) {
    if (connection.startAt > 0) setTimeout(() => replay(connection), connection.startAt / SPEED);
    else replay(connection);
  }
}

// Opens one recorded connection, plays the client's side on the recorded timeline, checks the server's.
function replay(connection) {
  const expected = connection.messages.filter((m) => m.expect).map((m) => m.expect);
  const received = [];
  const timers = [];
  let opened = false;
  let closing = false;
  let closeDue = false;
  let ended = false;
  const ws = new WebSocket(TARGET ? TARGET.replace(/\/+$/, '') + connection.path : connection.url);
  ws.binaryType = 'arraybuffer';

  ws.addEventListener('open', () => {
    opened = true;
    for (const m of connection.messages) {
      if (m.send) timers.push(setTimeout(() => ws.send(payloadOf(m.send)), m.at / SPEED));
    }
    const end = connection.close.at / SPEED;
    if (connection.close.by === 'client') {
      timers.push(setTimeout(() => ((closeDue = true), closeWhenAnswered()), end));
    }
    // The server's messages (or its Close) did not all come: stop waiting, the checks say what is missing.
    timers.push(setTimeout(closeNow, end + TIMEOUT_MS));
  });
  ws.addEventListener('message', (event) => {
    received.push(typeof event.data === 'string' ? { text: event.data } : { base64: b64encode(event.data) });
    closeWhenAnswered();
  });
  ws.addEventListener('error', () => {
    closeNow();
    finish();
  });
  ws.addEventListener('close', finish);

  // The recording's client closed here: do so once the server's messages so far have come.
  function closeWhenAnswered() {
    if (closeDue && received.length >= expected.length) closeNow();
  }

  function closeNow() {
    if (closing || ended) return;
    closing = true;
    if (connection.close.code) ws.close(connection.close.code);
    else ws.close();
  }

  function finish() {
    if (ended) return;
    ended = true;
    for (const timer of timers) clearTimeout(timer);
    const name = 'connection ' + connection.id;
    const checks = {};
    checks[name + ': opened'] = () => opened;
    checks[name + ': ' + expected.length + ' server messages arrived'] = () => received.length >= expected.length;
    if (CHECK_CONTENT) checks[name + ': server messages as recorded'] = () => inOrder(expected, received);
    if (connection.close.by === 'server') checks[name + ': closed by the server'] = () => !closing;
    check(received, checks);
  }
}

function payloadOf(message) {
  return message.text !== undefined ? message.text : b64decode(message.base64);
}

// Every recorded server message arrived, in order (other messages may come between: other users).
function inOrder(expected, received) {
  let next = 0;
  for (const message of received) {
    if (next < expected.length && sameMessage(expected[next], message, IGNORE)) next++;
  }
  return next === expected.length;
}`;
