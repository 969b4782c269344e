/**
 * A conversation as a Playwright fixture (docs/exports.md): `routeRecording(page)` mocks the
 * recorded server with `page.routeWebSocket` (Playwright ≥ 1.48) — pushes on connect, each client
 * message answered with the server messages that followed it in the recording (matched by exact
 * text, or as JSON with the volatile fields left out, ids copied into the replies), the server's
 * Close — plus a `test` fixture `recordedServer` and, by default, a self-test that plays the
 * recorded client in the page against it.
 */
import type { IgnorePath } from '../../replay/ignore-paths.js';
import type { Conversation, ConversationConnection } from '../conversation.js';
import { serverScript, payloadOf, type TimedReply } from './exchanges.js';
import { exportPlan, scaledMs, type ExportOptions } from './export-options.js';
import { jsonOf } from './json-fields.js';
import { runtimeSource } from './runtime-source.js';
import { volatilePaths, replyCopies } from './volatile-fields.js';
import { PLAYWRIGHT_SERVE, PLAYWRIGHT_SELF_TEST, PLAYWRIGHT_TYPES } from './playwright-source.js';

/** The fixture module (TypeScript) for the selected connections. */
export function toPlaywrightFixture(conversation: Conversation, options: ExportOptions): string {
  const { connections, ignore, speed, header } = exportPlan(conversation, options);
  const volatile = volatilePaths(connections, ignore);
  const file = options.output?.split(/[\\/]/).pop() ?? 'recording.spec.ts';
  const selfTest = options.selfTest ?? true;
  return [
    ...header.map((l) => `// ${l}`),
    `// left out when client messages are matched: ${volatile.map((p) => p.source).join(', ') || 'nothing'}`,
    '//',
    "// Mocks the recorded server in a Playwright test: no server needs to run. The page's WebSocket to a",
    '// recorded URL gets the pushes the server sent on connect, then, for each message the page sends,',
    '// the replies that followed the matching recorded message, with the recorded gaps.',
    `//   npx playwright test ${file}        runs the self-test below (the recorded client, played in the page)`,
    '//   In your tests: await routeRecording(page) before the page connects, or use the recordedServer',
    `//   fixture of the \`test\` exported here${selfTest ? ` (save a copy without the self-test as *.fixture.ts:` : ''}`,
    ...(selfTest ? ['//   Playwright refuses a test file that imports another test file).'] : []),
    "import { expect, test as base, type Page, type WebSocketRoute } from '@playwright/test';",
    '',
    PLAYWRIGHT_TYPES,
    '',
    `const SPEED = ${speed};`,
    `const IGNORE: readonly (readonly JsonStep[])[] = ${JSON.stringify(volatile.map((p) => p.steps))};`,
    '',
    '// The recorded connections: `after` is ms after the previous event of the same exchange (divided by SPEED).',
    'const RECORDED: readonly RecordedConnection[] = [',
    ...connections.map((c) => connectionData(c, volatile)),
    '];',
    '',
    PLAYWRIGHT_SERVE,
    ...(selfTest ? ['', PLAYWRIGHT_SELF_TEST] : []),
    '',
    runtimeSource('ts', { copies: true }),
    '',
  ].join('\n');
}

function connectionData(connection: ConversationConnection, volatile: readonly IgnorePath[]): string {
  const script = serverScript(connection);
  const close = script.serverClose;
  const exchanges = script.exchanges.map(({ request, replies }) => {
    const json = jsonOf(request);
    const answers = replies.map((r) => reply(r, replyCopies(json, jsonOf(r.message), volatile)));
    return [
      `      {`,
      `        request: ${JSON.stringify(payloadOf(request))},`,
      `        replies: [${answers.length === 0 ? '' : `\n${answers.map((a) => `          ${a},`).join('\n')}\n        `}],`,
      `      },`,
    ].join('\n');
  });
  return [
    '  {',
    `    id: ${connection.id},`,
    `    url: ${JSON.stringify(connection.url)},`,
    `    opening: [${script.opening.map((r) => reply(r, [])).join(', ')}],`,
    `    exchanges: [${exchanges.length === 0 ? '' : `\n${exchanges.join('\n')}\n    `}],`,
    `    close: ${
      close === null
        ? 'null'
        : JSON.stringify({ after: scaledMs(script.closeGapMs, 1), code: close.code, reason: close.reason })
    },`,
    '  },',
  ].join('\n');
}

function reply(r: TimedReply, copies: readonly unknown[]): string {
  const copied = copies.length === 0 ? '' : `, copies: ${JSON.stringify(copies)}`;
  return `{ after: ${scaledMs(r.gapMs, 1)}, message: ${JSON.stringify(payloadOf(r.message))}${copied} }`;
}
