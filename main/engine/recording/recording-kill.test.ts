import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { readRecording } from './recording-reader.js';
import { tempDir } from './recording.test-util.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const built = (rel: string) => join(root, 'out', rel);

// Records a wire record (one text frame) and a message event per message, a few dozen every
// millisecond (~20 MB/s), prints `flushed N` each time flush() resolves for the first N messages,
// and `tick` now and then, so the test can kill it between flushes, while writes are under way.
const CHILD = (writerUrl: string, encoderUrl: string) => `
import { openRecordingWriter } from ${JSON.stringify(writerUrl)};
import { encodeFrame } from ${JSON.stringify(encoderUrl)};
const anchor = 1763700000000;
const header = { format: 'wstap-recording', version: 1, tool: 'kill test', startedAt: new Date(anchor).toISOString(), anchor,
  connections: [{ conn: 1, role: 'client', url: 'ws://127.0.0.1:1/' }] };
const writer = await openRecordingWriter(process.argv[2], header);
writer.onError((error) => { console.error(error.message); process.exit(3); });
writer.setup({ type: 'wire-setup', conn: 1, dir: 'in', t: 0, wall: anchor, sender: 'server', perMessageDeflate: false,
  maxPayload: 1 << 20, maxMessageSize: 1 << 20, maxFragments: 1000 });
let n = 0, seq = 0, offset = 0;
setInterval(() => {
  for (let k = 0; k < 40; k++, n++) {
    const text = 'message ' + n + ' ' + 'x'.repeat(n % 700);
    const bytes = encodeFrame({ opcode: 1, payload: text });
    const t = n / 25;
    writer.wire({ conn: 1, dir: 'in', seq, id: n, t, wall: anchor + t, offset, frames: 1, bytes });
    writer.event({ type: 'message', conn: 1, seq: seq + 1, t, wall: anchor + t, dir: 'in', index: n, opcodeName: 'text',
      firstFrame: n, frameCount: 1, offset, wireLength: bytes.length - 4, compressed: false, text, violations: [], size: text.length });
    seq += 2;
    offset += bytes.length;
  }
  if (n % 4000 === 0) {
    const upTo = n;
    writer.flush().then(() => console.log('flushed ' + upTo));
  }
  if (n % 400 === 0) console.log('tick');
}, 1);
console.log('started');
`;

describe('a recording killed with SIGKILL', () => {
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    // The child runs the compiled build: compile what is being tested. Other files being edited
    // may fail to type-check; what matters is that the files under test were emitted just now.
    const started = Date.now() - 1000;
    const tsc = spawnSync(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
      { cwd: root, encoding: 'utf8' },
    );
    for (const rel of [
      'main/engine/recording/recording-writer.js',
      'main/engine/recording/line-file.js',
      'shared/protocol/encoder.js',
    ]) {
      const path = built(rel);
      if (!existsSync(path) || statSync(path).mtimeMs < started)
        throw new Error(`tsc did not emit ${path}:\n${tsc.stdout}${tsc.stderr}`);
    }
  }, 120_000);
  afterAll(() => cleanup());

  it('keeps every record up to the last completed flush, in order, with at most a cut last line', async () => {
    const script = join(dir, 'record.mjs');
    const path = join(dir, 'killed.jsonl');
    await writeFile(
      script,
      CHILD(
        pathToFileURL(built('main/engine/recording/recording-writer.js')).href,
        pathToFileURL(built('shared/protocol/encoder.js')).href,
      ),
    );
    const child = spawn(process.execPath, [script, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );

    let flushed = 0;
    let ticksAfter = 0;
    for await (const line of createInterface({ input: child.stdout })) {
      const match = /^flushed (\d+)$/.exec(line);
      if (match !== null) flushed = Number(match[1]);
      else if (flushed >= 12_000 && line === 'tick' && ++ticksAfter === 5) {
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited, stderr).toBe('SIGKILL');
    expect(flushed).toBeGreaterThanOrEqual(12_000);

    const events: SessionEvent[] = [];
    let truncated = 0;
    for await (const item of readRecording(path)) {
      expect(truncated, 'nothing after a cut line').toBe(0);
      if (item.kind === 'event') events.push(item.event);
      if (item.kind === 'truncated') truncated++;
      expect(item.kind).not.toBe('skipped');
    }
    // Frame, message, frame, message, ...: seq without gaps from 0, and nothing lost before the last flush.
    events.forEach((event, i) => {
      expect(event.seq).toBe(i);
      expect(event.type).toBe(i % 2 === 0 ? 'frame' : 'message');
    });
    expect(events.length).toBeGreaterThanOrEqual(2 * flushed);
  }, 60_000);
});
