import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar.js';

function stream(isTTY: boolean): NodeJS.WriteStream & { written: string } {
  const s = { isTTY, written: '', write: (chunk: string) => ((s.written += chunk), true) };
  return s as unknown as NodeJS.WriteStream & { written: string };
}

describe('progress bar', () => {
  it('draws on a terminal, at most ten times a second, always the last state, and wipes itself', () => {
    const out = stream(true);
    const bar = new ProgressBar(out, 'replaying');
    for (let i = 0; i <= 1000; i++) bar.update(i, 1000);
    const draws = out.written.split('\r').filter((s) => s.startsWith('replaying'));
    expect(draws.length).toBeLessThanOrEqual(3);
    expect(draws.at(-1)).toBe(`replaying ${'█'.repeat(30)} 100% 1000/1000`);
    bar.clear();
    expect(out.written.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('prints nothing when stderr is not a terminal', () => {
    const out = stream(false);
    const bar = new ProgressBar(out, 'replaying');
    bar.update(5, 10);
    bar.clear();
    expect(out.written).toBe('');
  });
});
