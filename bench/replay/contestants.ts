import WebSocket from 'ws';
import { createEngine } from '../../main/engine/engine.js';

/** The session both contestants send: `count` messages to one echo URL. */
export interface Plan {
  readonly url: string;
  readonly count: number;
}

/** Writes in flight before waiting for the socket (the replay's fast mode uses the same window). */
const WINDOW = 512;

/** Message i: 16–527 bytes, one in five binary; deterministic. */
export function message(i: number): { readonly text?: string; readonly bytes?: Buffer } {
  const size = 16 + ((i * 7919) % 512);
  const body = `${i}:`.padEnd(size, String.fromCharCode(97 + (i % 26)));
  return i % 5 === 4 ? { bytes: Buffer.from(body) } : { text: body };
}

/** Records a session of the plan's messages, each echoed, through the engine; returns the bytes sent. */
export async function recordSession(plan: Plan, path: string): Promise<number> {
  const engine = createEngine();
  const recording = await engine.startRecording(path);
  let echoed = 0;
  let all: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (all = resolve));
  engine.subscribe((event) => {
    if (event.type === 'message' && event.dir === 'in' && ++echoed === plan.count) all();
  });
  const id = engine.connect({ url: plan.url, perMessageDeflate: false });
  await engine.opened(id);
  let bytes = 0;
  for (let i = 0; i < plan.count; i += WINDOW) {
    const batch: Promise<void>[] = [];
    for (let j = i; j < Math.min(plan.count, i + WINDOW); j++) {
      const m = message(j);
      bytes += m.text?.length ?? m.bytes?.length ?? 0;
      batch.push(
        engine.send(
          id,
          m.text !== undefined
            ? { kind: 'text', text: m.text }
            : { kind: 'binary', bytes: m.bytes as Buffer },
        ),
      );
    }
    await Promise.all(batch);
  }
  await done;
  engine.close(id, { code: 1000 });
  await engine.done(id);
  await recording.stop();
  await engine.dispose();
  return bytes;
}

/** A plain ws client sends the same messages the same way and checks every echo; returns messages/s. */
export async function liveClient(plan: Plan, _recording: string): Promise<number> {
  const start = performance.now();
  const ws = new WebSocket(plan.url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  let next = 0;
  let failure: Error | null = null;
  const done = new Promise<void>((resolve) => {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const m = message(next);
      const same = isBinary
        ? m.bytes !== undefined && data.equals(m.bytes)
        : data.toString('utf8') === m.text;
      if (!same) failure ??= new Error(`echo ${next} differs`);
      if (++next === plan.count) resolve();
    });
  });
  for (let i = 0; i < plan.count; i += WINDOW) {
    const batch: Promise<void>[] = [];
    for (let j = i; j < Math.min(plan.count, i + WINDOW); j++) {
      const m = message(j);
      batch.push(
        new Promise<void>((resolve, reject) =>
          ws.send(m.text ?? (m.bytes as Buffer), { binary: m.bytes !== undefined }, (e) =>
            e ? reject(e) : resolve(),
          ),
        ),
      );
    }
    await Promise.all(batch);
  }
  await done;
  const ms = performance.now() - start;
  ws.close(1000);
  await new Promise((resolve) => ws.once('close', resolve));
  if (failure !== null) throw failure;
  return (plan.count / ms) * 1000;
}
