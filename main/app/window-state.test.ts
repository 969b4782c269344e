// Window bounds remembered between runs, restored only where a display still is.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  initialBounds,
  isVisible,
  loadWindowState,
  MIN_SIZE,
  parseWindowState,
  saveWindowState,
} from './window-state.js';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1440 };

describe('initialBounds', () => {
  it('opens a first window at the default size, centered', () => {
    expect(initialBounds(null, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('restores bounds on a display that is still there', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 1400, height: 900 }, maximized: true };
    expect(initialBounds(saved, [laptop, rightMonitor])).toEqual({
      x: 2100,
      y: 100,
      width: 1400,
      height: 900,
      maximized: true,
    });
  });

  it('falls back to the default when the display is gone, keeping maximized', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 1400, height: 900 }, maximized: true };
    expect(initialBounds(saved, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: true });
  });

  it('falls back when only a sliver would be visible', () => {
    const saved = { bounds: { x: 1880, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(initialBounds(saved, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    const above = { bounds: { x: 100, y: -680, width: 1000, height: 700 }, maximized: false };
    expect(initialBounds(above, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('grows a tiny saved window to the minimum size', () => {
    const saved = { bounds: { x: 10, y: 10, width: 100, height: 50 }, maximized: false };
    expect(initialBounds(saved, [laptop])).toMatchObject({ x: 10, y: 10, ...MIN_SIZE });
  });

  it('counts overlap with one display, not the sum of two', () => {
    expect(isVisible({ x: 1850, y: 0, width: 140, height: 300 }, [laptop, rightMonitor])).toBe(false);
    expect(isVisible({ x: 1700, y: 0, width: 400, height: 300 }, [laptop, rightMonitor])).toBe(true);
  });
});

describe('parseWindowState', () => {
  it.each([
    null,
    'x',
    {},
    { bounds: { x: 0, y: 0, width: 800 }, maximized: false },
    { bounds: { x: 0, y: 0, width: 800, height: 600 } },
    { bounds: { x: 0, y: 0, width: -1, height: 600 }, maximized: false },
    { bounds: { x: Number.NaN, y: 0, width: 800, height: 600 }, maximized: false },
    { bounds: { x: '0', y: 0, width: 800, height: 600 }, maximized: false },
    { bounds: { x: 1e9, y: 0, width: 800, height: 600 }, maximized: false },
  ])('refuses %j', (value) => {
    expect(parseWindowState(value)).toBeNull();
  });

  it('keeps only the known fields', () => {
    const state = parseWindowState({
      bounds: { x: 1, y: 2, width: 800, height: 600, z: 9 },
      maximized: false,
      extra: 1,
    });
    expect(state).toEqual({ bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: false });
  });
});

describe('loadWindowState and saveWindowState', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through a file and survives a missing or damaged one', () => {
    dir = mkdtempSync(join(tmpdir(), 'wstap-window-state-'));
    const file = join(dir, 'nested', 'window-state.json');
    expect(loadWindowState(file)).toBeNull();
    const state = { bounds: { x: 5, y: 6, width: 900, height: 700 }, maximized: true };
    expect(saveWindowState(file, state)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
    expect(loadWindowState(file)).toEqual(state);
    writeFileSync(file, '{"bounds":');
    expect(loadWindowState(file)).toBeNull();
  });

  it('reports a write that cannot happen', () => {
    dir = mkdtempSync(join(tmpdir(), 'wstap-window-state-'));
    writeFileSync(join(dir, 'file'), '');
    expect(
      saveWindowState(join(dir, 'file', 'window-state.json'), { bounds: laptop, maximized: false }),
    ).toBe(false);
  });
});
