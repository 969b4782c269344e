/**
 * Real conversations for the export tests: a small chat backend on npm `ws` (what an app team
 * would run), and a session against it recorded with the engine and loaded back with
 * loadConversation, exactly as `wstap connect --record` and `wstap convert` would.
 */
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { Conversation } from '../../shared/interchange/conversation.js';
import { startTestServer, type TestServer } from '../../main/engine/client/ws-server.test-util.js';
import { createEngine } from '../../main/engine/engine.js';
import { EventLog } from '../../main/engine/engine.test-util.js';
import { loadConversation } from '../../main/engine/interchange/load-conversation.js';

/** How the backend answers; `changed` is a later version whose replies differ (for failing replays). */
export interface ChatAppOptions {
  readonly changed?: boolean;
}

/**
 * The backend: a welcome push on connect; `{"type":"ping","id":N}` → pong with the id;
 * `{"type":"say","id":N,"text":T}` → ack with the id, then 40 ms later `said`; binary echoed;
 * `bye` → `see you` and a Close 4000 "room closed"; any other text echoed.
 */
export function startChatApp(options: ChatAppOptions = {}): Promise<TestServer> {
  return startTestServer((ws: WebSocket, request: IncomingMessage) => {
    ws.send(JSON.stringify({ type: 'welcome', room: request.url }));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.send(data, { binary: true });
      const text = String(data);
      if (text === 'bye') {
        ws.send('see you');
        ws.close(4000, 'room closed');
        return;
      }
      const json = parse(text);
      if (json?.type === 'ping')
        ws.send(JSON.stringify({ type: options.changed ? 'PONG' : 'pong', id: json.id }));
      else if (json?.type === 'say') {
        ws.send(JSON.stringify({ type: 'ack', id: json.id }));
        setTimeout(() => ws.send(JSON.stringify({ type: 'said', text: json.text })), 40);
      } else ws.send(options.changed ? text.toUpperCase() : text);
    });
  });
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A recorded session and its conversation. */
export interface RecordedSession {
  readonly path: string;
  readonly conversation: Conversation;
  /** The URL the session connected to (its server is stopped by the time this resolves). */
  readonly url: string;
}

/**
 * Records, with the engine, one client on `/chat` that pings, says something (two replies 40 ms
 * apart), sends 4 binary bytes, `hello`, pings again and says `bye` (the server closes with 4000);
 * with `second`, a second client on `/chat` then pings once and closes with 1000 itself.
 */
export async function recordChatSession(
  dir: string,
  options: { second?: boolean } = {},
): Promise<RecordedSession> {
  const server = await startChatApp();
  const engine = createEngine();
  const log = new EventLog(engine);
  const path = join(dir, 'chat.wstap.jsonl');
  const url = `${server.url}/chat`;
  try {
    const recording = await engine.startRecording(path);
    const id = engine.connect({ url, perMessageDeflate: false });
    await engine.opened(id);
    const conn = (await log.waitFor('connecting')).conn;
    const reply = (test: (text: string) => boolean) =>
      log.waitFor('message', (m) => m.conn === conn && m.dir === 'in' && test(m.text ?? m.base64 ?? ''));
    await reply((t) => t.includes('welcome'));
    const steps: [string | Uint8Array, (text: string) => boolean][] = [
      ['{"type":"ping","id":1}', (t) => t === '{"type":"pong","id":1}'],
      ['{"type":"say","id":2,"text":"hi all"}', (t) => t.includes('said')],
      [Uint8Array.of(1, 2, 3, 250), (t) => t === 'AQID+g=='],
      ['hello', (t) => t === 'hello'],
      ['{"type":"ping","id":3}', (t) => t === '{"type":"pong","id":3}'],
    ];
    for (const [message, answered] of steps) {
      await engine.send(
        id,
        typeof message === 'string' ? { kind: 'text', text: message } : { kind: 'binary', bytes: message },
      );
      await reply(answered);
    }
    await engine.send(id, { kind: 'text', text: 'bye' });
    await engine.done(id);
    if (options.second) {
      // Not a wait for an event: it shapes the recorded timeline. Replays that keep recorded
      // gaps (k6) start the second client this long after the first one's last step, so under a
      // loaded machine its join cannot overtake the first client's last reply (it did, with the
      // few ms the gap was before: "connection 1: server messages as recorded" failed in CI).
      await new Promise((done) => setTimeout(done, 300));
      const other = engine.connect({ url, perMessageDeflate: false });
      await engine.opened(other);
      const conn2 = (await log.waitFor('connecting', (e) => e.conn !== conn)).conn;
      await log.waitFor('message', (m) => m.conn === conn2 && m.dir === 'in');
      await engine.send(other, { kind: 'text', text: '{"type":"ping","id":7}' });
      await log.waitFor(
        'message',
        (m) => m.conn === conn2 && m.dir === 'in' && m.text === '{"type":"pong","id":7}',
      );
      engine.close(other, { code: 1000, reason: 'done' });
      await engine.done(other);
    }
    await recording.stop();
    return { path, conversation: await loadConversation(path), url };
  } finally {
    await engine.dispose();
    await server.close();
  }
}
