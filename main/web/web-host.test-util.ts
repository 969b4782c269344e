// Test support for browser mode: a fake renderer build, raw HTTP requests (paths sent exactly as
// written, any Host), raw upgrade attempts, and a fake console service.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandHandlers, EventBatch } from '../../shared/ipc/contract.js';
import { ok } from '../../shared/ipc/result.js';
import type { WebHostService } from './web-host.js';

/** The index page the fake build serves. */
export const FAKE_INDEX =
  '<!doctype html><title>wstap</title><script type="module" src="/assets/app.js"></script>';

/** A temporary renderer build: index.html and assets/app.js; `cleanup` removes it. */
export function fakeRendererBuild(): { readonly dir: string; readonly parent: string; cleanup(): void } {
  const parent = mkdtempSync(join(tmpdir(), 'wstap-web-'));
  const dir = join(parent, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), FAKE_INDEX);
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("wstap");\n');
  writeFileSync(join(dir, 'assets', 'style.css'), 'body{}\n');
  writeFileSync(join(parent, 'secret.txt'), 'outside the build\n');
  return { dir, parent, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

/** What a raw request got back. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** GET (or `method`) `path` exactly as written, with the given Host (default the right one; null: none). */
export function rawGet(
  port: number,
  path: string,
  options: {
    readonly host?: string | null;
    readonly method?: string;
    readonly headers?: Record<string, string>;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      method: options.method ?? 'GET',
      setHost: false,
      headers: {
        ...(options.host === null ? {} : { Host: options.host ?? `127.0.0.1:${port}` }),
        ...options.headers,
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${path} within 5 s`)));
    req.end();
  });
}

/** Tries a WebSocket upgrade; resolves 101 when accepted, else the refusal's status. */
export function tryUpgrade(
  port: number,
  options: { readonly path: string; readonly host?: string; readonly origin?: string | null },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const origin = options.origin === undefined ? `http://127.0.0.1:${port}` : options.origin;
    const req = request({
      host: '127.0.0.1',
      port,
      path: options.path,
      headers: {
        Host: options.host ?? `127.0.0.1:${port}`,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        ...(origin === null ? {} : { Origin: origin }),
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('no answer to the upgrade within 5 s')));
    req.end();
  });
}

/** A console service with app.info only, whose batches the test pushes. */
export function fakeService(): WebHostService & { push(batch: EventBatch): void } {
  const listeners = new Set<(batch: EventBatch) => void>();
  const handlers = {
    'app.info': async () => ok({ version: 'test', host: 'web', servers: [], dataDir: '/nowhere' }),
    'store.stats': async () => {
      throw new Error('boom');
    },
  } as unknown as CommandHandlers;
  return {
    handlers,
    onBatch(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    push: (batch) => listeners.forEach((l) => l(batch)),
  };
}

/** A batch of `rows` frame rows, each with a preview of `previewChars` characters. */
export function fakeBatch(rows: number, previewChars = 4): EventBatch {
  const column = (v: number): number[] => Array.from({ length: rows }, () => v);
  return {
    rows: {
      id: Array.from({ length: rows }, (_, i) => i),
      conn: column(1),
      t: column(0),
      flags: column(1),
      length: column(previewChars),
      extra: column(0),
      preview: Array.from({ length: rows }, () => 'x'.repeat(previewChars)),
    },
    events: [],
    stats: { frames: rows, messages: 0, droppedFrames: 0, droppedMessages: 0, droppedBytes: 0 },
  };
}
