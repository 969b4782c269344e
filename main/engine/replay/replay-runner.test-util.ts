// A JSON API server whose answers a test can change, and a helper that records a session with it.
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import type { Conversation } from '../../../shared/interchange/conversation.js';
import { startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { loadConversation } from '../interchange/load-conversation.js';

/** How the API answers; tests flip these between recording and replay. */
export interface ApiVariant {
  /** `hello` normally; change it to make replies differ. */
  greeting: string;
  /** Requests whose op is listed get no reply. */
  silent: Set<string>;
  /** Close code for `bye`. */
  byeCode: number;
  /** Extra delay before each reply, ms. */
  delay: number;
}

/** `{"id":1,"op":"greet","name":"ann"}` → `{"id":1,"greeting":"hello ann","at":<now>}`; `two` answers twice; `bye` closes. */
export async function startApiServer(variant: ApiVariant): Promise<TestServer> {
  return startTestServer((ws: WebSocket) => {
    ws.send(JSON.stringify({ type: 'welcome', at: Date.now() }));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return void ws.send(data, { binary: true });
      const request = JSON.parse(String(data)) as { id: number; op: string; name?: string };
      if (variant.silent.has(request.op)) return;
      const answer = (): void => {
        if (request.op === 'bye') return void ws.close(variant.byeCode, 'see you');
        const reply = {
          id: request.id,
          greeting: `${variant.greeting} ${request.name ?? ''}`,
          at: Date.now(),
        };
        ws.send(JSON.stringify(reply));
        if (request.op === 'two') ws.send(JSON.stringify({ id: request.id, part: 2 }));
      };
      if (variant.delay > 0) setTimeout(answer, variant.delay);
      else answer();
    });
  });
}

/** The default variant. */
export function apiVariant(): ApiVariant {
  return { greeting: 'hello', silent: new Set(), byeCode: 4000, delay: 0 };
}

/** Records one client session (the requests, then `bye` so the server closes) and loads it back. */
export async function recordApiSession(
  server: TestServer,
  dir: string,
  requests: readonly object[],
  binary?: Uint8Array,
): Promise<{ readonly path: string; readonly conversation: Conversation }> {
  const engine: Engine = createEngine();
  const log = new EventLog(engine);
  const path = join(dir, 'recorded.jsonl');
  const recording = await engine.startRecording(path);
  const id = engine.connect({ url: `${server.url}/api?v=1` });
  await engine.opened(id);
  await log.waitFor('message', (m) => m.dir === 'in');
  let expected = 1;
  for (const request of requests) {
    await engine.send(id, { kind: 'json', value: request });
    const two = (request as { op?: string }).op === 'two' ? 1 : 0;
    expected += 1 + two;
    await log.waitFor('message', () => log.of('message').filter((m) => m.dir === 'in').length >= expected);
  }
  if (binary !== undefined) {
    await engine.send(id, { kind: 'binary', bytes: binary });
    expected++;
    await log.waitFor('message', () => log.of('message').filter((m) => m.dir === 'in').length >= expected);
  }
  await engine.send(id, { kind: 'json', value: { id: 99, op: 'bye' } });
  await engine.done(id);
  await recording.stop();
  await engine.dispose();
  return { path, conversation: await loadConversation(path) };
}
