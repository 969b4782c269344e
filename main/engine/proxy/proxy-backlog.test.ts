// A recording behind its disk pauses the proxy's reading (issue 6: memory bounded, recording
// complete): what the app sends meanwhile waits and then arrives in order.
import { afterEach, describe, expect, it } from 'vitest';
import { echo, startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { createEngine, type Engine } from '../engine.js';
import { MemoryRecording } from '../engine.test-util.js';
import { openClient } from '../server/server.test-util.js';

let engine: Engine | null = null;
let server: TestServer | null = null;
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  engine = server = null;
});

/** A recording whose disk is behind until `catchUp()`. */
class SlowRecording extends MemoryRecording {
  private wait: { promise: Promise<void>; resolve: () => void } | null = null;

  behind(): void {
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    this.wait = { promise, resolve };
  }

  catchUp(): void {
    this.wait?.resolve();
    this.wait = null;
  }

  backlog(): Promise<void> | null {
    return this.wait?.promise ?? null;
  }
}

describe('wstap proxy and a slow recording', () => {
  it('stops reading while the recording is behind, and relays the rest in order once it caught up', async () => {
    const received: string[] = [];
    server = await startTestServer((ws) => {
      ws.on('message', (data) => received.push(String(data)));
      echo(ws);
    });
    engine = createEngine();
    const recording = new SlowRecording();
    engine.record(recording);
    const proxy = await engine.proxy({ target: server.url });
    const client = await openClient(proxy.url);
    client.ws.send('before');
    expect(await client.next()).toEqual({ text: 'before' });
    recording.behind();
    // The chunk that finds the recording behind still goes through; then the app's socket is paused.
    client.ws.send('first while behind');
    expect(await client.next()).toEqual({ text: 'first while behind' });
    client.ws.send('second while behind');
    // Absence takes a window to show: nothing reaches the server in it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual(['before', 'first while behind']);
    recording.catchUp();
    expect(await client.next()).toEqual({ text: 'second while behind' });
    expect(received).toEqual(['before', 'first while behind', 'second while behind']);
    const conn = recording.events.find((e) => e.type === 'open')!.conn;
    expect(recording.stream(conn, 'out').length).toBeGreaterThan(3 * 6);
    client.ws.close();
  });
});
