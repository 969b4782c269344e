/**
 * The fixed TypeScript of a generated Playwright fixture (playwright.ts puts the recorded data and
 * the runtime helpers around it). Uses only Playwright's public API: page.routeWebSocket,
 * WebSocketRoute.onMessage / onClose / send / close / url, test.extend, expect.
 */

/** Types of the recorded data and of what routeRecording reports. */
export const PLAYWRIGHT_TYPES = String.raw`interface Reply {
  readonly after: number;
  readonly message: Payload;
  /** Reply fields that take the live request's value (its id) instead of the recorded one. */
  readonly copies?: readonly Copy[];
}

interface RecordedConnection {
  readonly id: number;
  readonly url: string;
  /** What the server pushed before the client's first message. */
  readonly opening: readonly Reply[];
  readonly exchanges: readonly { readonly request: Payload; readonly replies: readonly Reply[] }[];
  /** The server's Close after the last exchange, when the server ended the connection. */
  readonly close: { readonly after: number; readonly code: number | null; readonly reason: string } | null;
}

/** What the mocked server saw. */
export interface RecordedServer {
  /** URLs of the WebSockets the page opened, in order. */
  readonly connections: string[];
  /** Messages from the page that no recorded client message matched (binary as base64:…). */
  readonly unmatched: string[];
}

/** Where the mock answers and how fast. */
export interface RouteOptions {
  /** Answer WebSockets to this URL instead of the recorded ones (they take the recorded connections in order). */
  readonly url?: string | RegExp | ((url: URL) => boolean);
  /** Play the recorded gaps this many times faster (default SPEED). */
  readonly speed?: number;
}`;

/** routeRecording, the per-connection server and the `test` with the recordedServer fixture. */
export const PLAYWRIGHT_SERVE = String.raw`/**
 * Mocks the recorded server for this page; call it before the page opens its WebSocket. The
 * recorded connections to a URL answer the page's connections to it in order (then from the first again).
 */
export async function routeRecording(page: Page, options: RouteOptions = {}): Promise<RecordedServer> {
  const server: RecordedServer = { connections: [], unmatched: [] };
  const speed = options.speed ?? SPEED;
  const byUrl = new Map<string, RecordedConnection[]>();
  for (const recorded of RECORDED) {
    const key = options.url === undefined ? new URL(recorded.url).href : '';
    byUrl.set(key, [...(byUrl.get(key) ?? []), recorded]);
  }
  for (const [href, list] of byUrl) {
    let next = 0;
    await page.routeWebSocket(options.url ?? ((url: URL) => url.href === href), (ws) => {
      const recorded = list[next++ % list.length] as RecordedConnection;
      server.connections.push(ws.url());
      serve(ws, recorded, server, speed);
    });
  }
  return server;
}

/** The page's side of one recorded connection: pushes, answers, the server's Close. */
function serve(ws: WebSocketRoute, recorded: RecordedConnection, server: RecordedServer, speed: number): void {
  // One queue, in time order: answers go out in the order of the requests, as from a server that
  // handles one message at a time, each the recorded gap after the previous one (or its request).
  const queue: { when: number; action: () => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let open = true;
  let tail = 0;
  let cursor = 0;
  const pump = (): void => {
    timer = undefined;
    while (open && queue.length > 0 && (queue[0] as { when: number }).when <= Date.now()) queue.shift()?.action();
    const head = queue[0];
    if (open && head !== undefined) timer = setTimeout(pump, head.when - Date.now());
  };
  const later = (when: number, action: () => void): void => {
    queue.push({ when, action });
    if (timer === undefined) pump();
  };
  const play = (replies: readonly Reply[], request: unknown, last: boolean): void => {
    let at = Math.max(Date.now(), tail);
    for (const reply of replies) {
      at += reply.after / speed;
      const message = reply.message;
      later(at, () =>
        ws.send('base64' in message ? Buffer.from(message.base64, 'base64') : withCopies(message.text, reply.copies ?? [], request)),
      );
    }
    const close = recorded.close;
    if (last && close !== null) {
      at += close.after / speed;
      later(at, () => {
        open = false;
        void ws.close({ code: close.code ?? undefined, reason: close.reason });
      });
    }
    tail = at;
  };
  ws.onClose((code, reason) => {
    open = false;
    clearTimeout(timer);
    void ws.close({ code, reason });
  });
  ws.onMessage((message) => {
    const received: Payload = typeof message === 'string' ? { text: message } : { base64: message.toString('base64') };
    const index = findRequest(recorded, cursor, received);
    const exchange = recorded.exchanges[index];
    if (exchange === undefined) {
      server.unmatched.push('text' in received ? received.text : 'base64:' + received.base64);
      return;
    }
    cursor = index + 1;
    const request = 'text' in received ? parseJson(received.text) : undefined;
    play(exchange.replies, request, index === recorded.exchanges.length - 1);
  });
  play(recorded.opening, undefined, recorded.exchanges.length === 0);
}

/** The recorded exchange a message answers: the next that matches, else an earlier one (a repeat); -1: none. */
function findRequest(recorded: RecordedConnection, from: number, received: Payload): number {
  const count = recorded.exchanges.length;
  for (let i = 0; i < count; i++) {
    const index = (from + i) % count;
    const exchange = recorded.exchanges[index];
    if (exchange !== undefined && sameMessage(exchange.request, received, IGNORE)) return index;
  }
  return -1;
}

/** Playwright's test with a recordedServer fixture: the page's WebSockets to the recorded URLs are mocked. */
export const test = base.extend<{ recordedServer: RecordedServer }>({
  recordedServer: async ({ page }, use) => {
    await use(await routeRecording(page));
  },
});
export { expect };`;

/** The self-test: the recorded client, played in the page, gets the recorded answers. */
export const PLAYWRIGHT_SELF_TEST = String.raw`test('the mocked server answers the recorded client as the recording says', async ({ page, recordedServer }) => {
  for (const recorded of RECORDED) {
    const name = 'connection ' + recorded.id;
    const expected = [...recorded.opening, ...recorded.exchanges.flatMap((e) => e.replies)].map((r) => r.message);
    const run = await page.evaluate(playClient, {
      url: recorded.url,
      opening: recorded.opening.length,
      exchanges: recorded.exchanges.map((e) => ({ request: e.request, replies: e.replies.length })),
      serverCloses: recorded.close !== null,
    });
    expect(run.error, name).toBeNull();
    expect(run.received.length, name + ': server messages').toBe(expected.length);
    run.received.forEach((message, i) => {
      const want = expected[i] as Payload;
      const what = name + ': got ' + JSON.stringify(message) + ', recorded ' + JSON.stringify(want);
      expect(sameMessage(want, message, IGNORE), what).toBe(true);
    });
    if (recorded.close !== null)
      expect(run.close, name + ': Close').toEqual({ code: recorded.close.code ?? 1005, reason: recorded.close.reason });
  }
  expect(recordedServer.unmatched).toEqual([]);
});

/** Runs in the page: the recorded client, each message sent once the answers to the previous one came. */
function playClient(script: {
  url: string;
  opening: number;
  exchanges: { request: Payload; replies: number }[];
  serverCloses: boolean;
}): Promise<{ received: Payload[]; close: { code: number; reason: string } | null; error: string | null }> {
  type Socket = {
    binaryType: string;
    onopen: () => void;
    onmessage: (event: { data: unknown }) => void;
    onclose: (event: { code: number; reason: string }) => void;
    onerror: () => void;
    send(data: unknown): void;
    close(): void;
  };
  const page = globalThis as unknown as { WebSocket: new (url: string) => Socket };
  return new Promise((resolve) => {
    const received: Payload[] = [];
    const ws = new page.WebSocket(script.url);
    ws.binaryType = 'arraybuffer';
    let due = script.opening;
    let next = 0;
    let error: string | null = null;
    const advance = (): void => {
      while (received.length >= due && next < script.exchanges.length) {
        const step = script.exchanges[next++] as { request: Payload; replies: number };
        const request = step.request;
        ws.send('text' in request ? request.text : Uint8Array.from(atob(request.base64), (c) => c.charCodeAt(0)));
        due += step.replies;
      }
      if (received.length >= due && next === script.exchanges.length && !script.serverCloses) ws.close();
    };
    ws.onopen = advance;
    ws.onmessage = (event) => {
      const data = event.data;
      received.push(
        typeof data === 'string'
          ? { text: data }
          : { base64: btoa(Array.from(new Uint8Array(data as ArrayBuffer), (b) => String.fromCharCode(b)).join('')) },
      );
      advance();
    };
    ws.onerror = () => (error = 'the WebSocket failed');
    ws.onclose = (event) => resolve({ received, close: { code: event.code, reason: event.reason }, error });
  });
}`;
