// The interactive prompt on a real pseudo-terminal: the built `wstap connect` inside tmux, against
// a ws server on 127.0.0.1:0 that sends a message every 50 ms. A line typed while messages keep
// arriving must survive on the prompt, go out once when Enter is pressed, and land in the history.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../engine/client/ws-server.test-util.js';
import { describeWithPeers } from '../../../test/peers/available.js';
import { buildCliOnce, ROOT } from '../bin.test-util.js';
import { checkTmux, screenLines, TmuxPane } from './tmux.test-util.js';

const tmux = await checkTmux();
const dir = mkdtempSync(join(tmpdir(), 'wstap-pty-'));
let server: TestServer | null = null;
let pane: TmuxPane | null = null;
beforeAll(() => buildCliOnce(), 180_000);
afterAll(async () => {
  await pane?.kill();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A received message as the human output prints it: `< +0.123s [text 7 B] tick 12`. */
const TICK = /^< \+\d+\.\d{3}s \[text \d+ B\] tick (\d+)$/;
const ticks = (lines: readonly string[]): number[] => lines.flatMap((line) => TICK.exec(line)?.[1] ?? []).map(Number);

describeWithPeers(tmux, 'wstap connect at a terminal (tmux)', () => {
  it('a line typed while messages arrive survives the redraws, is sent once on Enter, and is kept in the history', async () => {
    const received: string[] = [];
    let gotLine!: () => void;
    const lineArrived = new Promise<void>((resolve) => (gotLine = resolve));
    server = await startTestServer((ws) => {
      let n = 0;
      const timer = setInterval(() => ws.send(`tick ${n++}`), 50);
      ws.once('close', () => clearInterval(timer));
      ws.on('message', (data) => {
        received.push(String(data));
        gotLine();
      });
    });
    const history = join(dir, 'history');
    const term = await TmuxPane.start([process.execPath, join(ROOT, 'bin/wstap.cjs'), 'connect', server.url], {
      NO_COLOR: '1',
      WSTAP_HISTORY: history,
    });
    pane = term;

    // Connected, messages flowing, the prompt at the bottom.
    await term.waitFor('prompt under received messages', (screen) => {
      const lines = screenLines(screen);
      return ticks(lines).length >= 3 && lines.at(-1) === '>';
    });

    await term.type('partial typ');
    const typed = await term.waitFor('typed text', (screen) => screenLines(screen).at(-1) === '> partial typ');
    const before = Math.max(-1, ...ticks(screenLines(typed)));
    // Ten more messages printed while the line sits half typed (about 500 ms of redraws).
    const later = await term.waitFor('ten more messages', (screen) => Math.max(-1, ...ticks(screenLines(screen))) >= before + 10);
    expect(Math.max(...ticks(screenLines(later)))).toBeGreaterThanOrEqual(before + 10);
    // The half-typed line is still the last line, whole, with the newest message right above it.
    // (Polled briefly: a capture could land between a redraw's erase and its reprint.)
    await expect.poll(async () => screenLines(await term.capture()).at(-1), { timeout: 2000, interval: 20 }).toBe('> partial typ');
    const lines = screenLines(await term.capture());
    expect(lines.at(-2)).toMatch(TICK);
    // Nothing typed was left behind in the output, on screen or in the scrollback.
    expect(screenLines(await term.capture(true)).filter((line) => line.includes('partial'))).toEqual(['> partial typ']);
    expect(received).toEqual([]);

    await term.type('ed line');
    await term.press('Enter');
    await lineArrived;
    await term.waitFor('the sent message', (screen) => screenLines(screen).some((line) => /^> \+\d+\.\d{3}s \[text 18 B\] partial typed line$/.test(line)));

    await term.type('/quit');
    await term.press('Enter');
    const exit = await term.exited();
    expect(exit.screen).toContain('closed: we closed with 1000 Normal Closure');
    expect(exit.status).toBe(0);
    // After the close nothing more can arrive: the line went out exactly once.
    expect(received).toEqual(['partial typed line']);
    expect(readFileSync(history, 'utf8').split('\n')).toContain('partial typed line');
  }, 30_000);
});
