import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startBlaster, type Sent } from './blaster.js';
import { launchBrowser, startConsole } from './console.js';
import { cpuShare, cpuSnapshot, type CpuShare } from './cpu-meter.js';
import { percentile, PROBE_SCRIPT, TAKE_SCRIPT, type ProbeSamples } from './probe.js';
import { describeMachine, machine, writeResult } from '../machine.js';
import { positiveInt, positiveInts } from '../stats.js';
import { table } from '../table.js';

/**
 * bench/ui: the desktop console's inspector under load, in Debian Chromium through browser mode
 * (the same renderer and contract as Electron). A producer sends frames at increasing rates to a
 * client session of a real `wstap ui` engine; the page's own animation frames are measured, and the
 * newest painted row tells the produce-to-paint lag. Baseline in the same run: the same page idle.
 * Then the console is filled to --retain frames and the renderer's heap is read after a GC.
 * Goals (issue 9): 50k frames/s for 10 s with p95 frame ≤ 20 ms and ≤ 1% frames > 20 ms; 1M frames
 * retained with heap ≤ 150 MB.
 */
const { values: args } = parseArgs({
  options: {
    rates: { type: 'string', default: '1000,10000,25000,50000' },
    seconds: { type: 'string', default: '10' },
    retain: { type: 'string', default: '1000000' },
    out: { type: 'string', default: 'bench/results/ui.json' },
  },
});
const rates = positiveInts('rates', args.rates);
const seconds = positiveInt('seconds', args.seconds);
const retain = positiveInt('retain', args.retain);
const root = process.cwd();
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.error('out/renderer is missing: run `npm run build` first.');
  process.exit(2);
}

/** Rows the inspector says it has in its current view (the first number of its counter). */
async function viewRows(page: Page): Promise<number> {
  const text = (await page.getByTestId('inspector-count').textContent()) ?? '';
  const first = /[\d,  ]+/.exec(text.replace(/(\d)[,  ](?=\d{3})/g, '$1'));
  return first ? Number(first[0].replace(/\D/g, '')) : 0;
}

/** Connects a client session through the connect form; returns once its rows show. */
async function connect(page: Page, url: string): Promise<void> {
  await page.getByTestId('tab-connect').click();
  await page.getByTestId('connect-url').fill(url);
  await page.getByTestId('connect-submit').click();
  await page.getByTestId('inspector-table').waitFor();
}

const take = (page: Page): Promise<ProbeSamples> => page.evaluate(TAKE_SCRIPT) as Promise<ProbeSamples>;

/** What one load step measured. */
interface Step {
  readonly rate: number;
  readonly sent: number;
  /** Messages per second the producer achieved (below `rate` when it could not keep up). */
  readonly sentRate: number;
  readonly ingestedPct: number;
  readonly p95: number;
  readonly longPct: number;
  readonly lagP50: number;
  readonly lagP95: number;
  readonly frames: number;
  /** % of one core per process group while the producer sent. */
  readonly cpu: CpuShare | null;
}

function summarize(
  rate: number,
  sent: Sent,
  ingested: number,
  samples: ProbeSamples,
  cpu: CpuShare | null = null,
): Step {
  const long = samples.frameMs.filter((ms) => ms > 20).length;
  return {
    rate,
    sent: sent.messages,
    sentRate: sent.seconds > 0 ? sent.messages / sent.seconds : 0,
    ingestedPct: sent.messages === 0 ? 100 : (100 * ingested) / sent.messages,
    p95: percentile(samples.frameMs, 95),
    longPct: (100 * long) / Math.max(1, samples.frameMs.length),
    lagP50: percentile(samples.lagMs, 50),
    lagP95: percentile(samples.lagMs, 95),
    frames: samples.frameMs.length,
    cpu,
  };
}

const NOTHING: Sent = { messages: 0, seconds: 0 };

const on = machine();
console.log(`bench/ui — ${describeMachine(on)}`);
const blaster = await startBlaster();
const consoleApp = await startConsole(root);
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(consoleApp.url);
  await page.getByTestId('inspector-table').waitFor();
  await page.evaluate(PROBE_SCRIPT);
  const cdp = await page.context().newCDPSession(page);

  const idleFrom = cpuSnapshot(consoleApp.pid);
  await sleep(3000);
  const idleCpu = cpuShare(idleFrom, cpuSnapshot(consoleApp.pid));
  const idle = summarize(0, NOTHING, 0, await take(page), idleCpu);
  const steps: Step[] = [];
  for (const rate of rates) {
    const path = `/rate/${rate}/${seconds}`;
    await connect(page, blaster.url + path);
    await take(page);
    const before = cpuSnapshot(consoleApp.pid);
    const sent = await blaster.finished(path);
    const cpu = cpuShare(before, cpuSnapshot(consoleApp.pid));
    // The rows in flight drain: wait for the count to stop growing (bounded).
    let rows = -1;
    for (let i = 0; i < 50; i++) {
      await sleep(200);
      const now = await viewRows(page);
      if (now === rows) break;
      rows = now;
    }
    steps.push(summarize(rate, sent, rows, await take(page), cpu));
  }

  // Retention: fill to `retain` frames, then the heap after a full GC.
  const already = steps.reduce((n, s) => n + s.sent, 0);
  const fill = Math.max(0, retain - already);
  const fillPath = `/rate/200000/0/${fill}`;
  await connect(page, blaster.url + fillPath);
  await blaster.finished(fillPath);
  await page.getByTestId('session-all').click();
  let retained = -1;
  for (let i = 0; i < 300; i++) {
    await sleep(500);
    const now = await viewRows(page);
    if (now === retained) break;
    retained = now;
  }
  await take(page);
  await sleep(3000);
  const after = summarize(0, NOTHING, 0, await take(page));
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  const heapMB = heap.usedSize / 2 ** 20;

  const f = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '—');
  const lines = table(
    [
      ['offered', 12],
      ['sent', 10],
      ['sent/s', 8],
      ['ingested', 10],
      ['rAF p95 ms', 12],
      ['÷ idle', 8],
      ['> 20 ms', 9],
      ['lag p50', 9],
      ['lag p95', 9],
    ],
    [
      ['idle page', '—', '—', '—', f(idle.p95), '1.00', `${f(idle.longPct, 2)}%`, '—', '—'],
      ...steps.map((s) => [
        `${s.rate}/s × ${seconds}s`,
        String(s.sent),
        f(s.sentRate, 0),
        `${f(s.ingestedPct)}%`,
        f(s.p95),
        f(s.p95 / idle.p95, 2),
        `${f(s.longPct, 2)}%`,
        f(s.lagP50, 0),
        f(s.lagP95, 0),
      ]),
    ],
  );
  for (const line of lines) console.log(line);
  const cpuLines = table(
    [
      ['CPU % of a core', 16],
      ['wstap ui', 9],
      ['renderer', 9],
      ['chromium', 9],
      ['producer', 9],
    ],
    [idle, ...steps].map((s) => [
      s.rate === 0 ? 'idle page' : `${s.rate}/s`,
      f(s.cpu?.wstap ?? NaN, 0),
      f(s.cpu?.renderer ?? NaN, 0),
      f(s.cpu?.chromium ?? NaN, 0),
      f(s.cpu?.bench ?? NaN, 0),
    ]),
  );
  for (const line of cpuLines) console.log(line);
  console.log(
    `retained: ${retained} frames in the view; renderer heap after GC ${f(heapMB)} MB (goal ≤ 150 MB); ` +
      `idle rAF p95 then ${f(after.p95)} ms, > 20 ms ${f(after.longPct, 2)}%`,
  );
  const top = steps.find((s) => s.rate >= 50_000);
  if (top !== undefined)
    console.log(
      `goal 50k/s: p95 ${f(top.p95)} ms (≤ 20), long frames ${f(top.longPct, 2)}% (≤ 1%), ingested ${f(top.ingestedPct)}%`,
    );
  console.log(`→ ${writeResult(args.out!, 'ui', on, { seconds, idle, steps, retained, heapMB, after })}`);
} finally {
  await browser.close();
  await consoleApp.stop();
  await blaster.stop();
}
