// Chromium (Debian's package) as a real WebSocket client, driven by playwright-core.
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install -y chromium). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Launches headless Chromium with what this machine's closed network needs: no background
 * networking, component updates or sync (they try to reach Google and fail), no QUIC.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What the page's WebSocket reported, in order. */
export type PageSocketEvent =
  | { readonly type: 'open'; readonly protocol: string; readonly extensions: string }
  | { readonly type: 'message'; readonly text: string }
  | { readonly type: 'message'; readonly binary: number[] }
  | { readonly type: 'close'; readonly code: number; readonly reason: string; readonly wasClean: boolean }
  | { readonly type: 'error' };

/** A WebSocket living in a Chromium page. */
export interface PageSocket {
  readonly page: Page;
  /** The next event (queued ones first) of `type`, skipping others; rejects after `timeoutMs`. */
  next<T extends PageSocketEvent['type']>(
    type: T,
    timeoutMs?: number,
  ): Promise<Extract<PageSocketEvent, { type: T }>>;
  send(data: string | number[]): Promise<void>;
  close(code?: number, reason?: string): Promise<void>;
}

/**
 * Opens `pageUrl` (so the socket has that page's Origin; about:blank when omitted) and, in it, a
 * WebSocket to `url`; events travel back through an exposed function.
 */
export async function openPageSocket(
  browser: Browser,
  url: string,
  options: { pageUrl?: string; protocols?: readonly string[] } = {},
): Promise<PageSocket> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const queue: PageSocketEvent[] = [];
  const waiters = new Set<() => void>();
  await page.exposeFunction('__wstapEvent', (event: PageSocketEvent) => {
    queue.push(event);
    waiters.forEach((w) => w());
  });
  // A page that is not a WebSocket server's 426 answer still loads: its Origin is what matters.
  if (options.pageUrl) await page.goto(options.pageUrl).catch(() => undefined);
  await page.evaluate(
    ({ url, protocols }) => {
      // Runs in the page: its globals, typed here by hand (the tests' tsconfig has no DOM).
      type Socket = {
        protocol: string;
        extensions: string;
        binaryType: string;
        onopen: () => void;
        onmessage: (m: { data: unknown }) => void;
        onclose: (c: { code: number; reason: string; wasClean: boolean }) => void;
        onerror: () => void;
      };
      const page = globalThis as unknown as {
        __wstapEvent: (e: unknown) => void;
        __ws: Socket;
        WebSocket: new (url: string, protocols: string[]) => Socket;
      };
      const report = page.__wstapEvent;
      const ws = new page.WebSocket(url, protocols);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => report({ type: 'open', protocol: ws.protocol, extensions: ws.extensions });
      ws.onmessage = (m) =>
        report(
          typeof m.data === 'string'
            ? { type: 'message', text: m.data }
            : { type: 'message', binary: [...new Uint8Array(m.data as ArrayBuffer)] },
        );
      ws.onclose = (c) => report({ type: 'close', code: c.code, reason: c.reason, wasClean: c.wasClean });
      ws.onerror = () => report({ type: 'error' });
      page.__ws = ws;
    },
    { url, protocols: [...(options.protocols ?? [])] },
  );
  return {
    page,
    next(type, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const at = queue.findIndex((e) => e.type === type);
          if (at < 0) return false;
          const [event] = queue.splice(at, 1);
          done();
          resolve(event as never);
          return true;
        };
        const timer = setTimeout(
          () => (
            done(),
            reject(
              new Error(`no ${type} in the page within ${timeoutMs} ms; queued: ${JSON.stringify(queue)}`),
            )
          ),
          timeoutMs,
        );
        const listener = (): void => void check();
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(listener);
        };
        waiters.add(listener);
        check();
      });
    },
    send: (data) =>
      page.evaluate(
        (d) =>
          (globalThis as unknown as { __ws: { send(x: unknown): void } }).__ws.send(
            typeof d === 'string' ? d : new Uint8Array(d),
          ),
        data,
      ),
    close: (code, reason) =>
      page.evaluate(
        ([c, r]) =>
          (globalThis as unknown as { __ws: { close(c?: number, r?: string): void } }).__ws.close(c, r),
        [code, reason] as const,
      ),
  };
}
