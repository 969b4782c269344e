import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_SIZE, historyPath, loadHistory, saveHistory } from './prompt.js';

const dir = mkdtempSync(join(tmpdir(), 'wstap-history-'));

describe('prompt history', () => {
  it('lives in ~/.wstap_history unless WSTAP_HISTORY says otherwise (empty: off)', () => {
    expect(historyPath({})).toMatch(/\.wstap_history$/);
    expect(historyPath({ WSTAP_HISTORY: '/x/h' })).toBe('/x/h');
    expect(historyPath({ WSTAP_HISTORY: '' })).toBeNull();
  });

  it('round-trips newest first in memory, oldest first on disk, private to the user', () => {
    const file = join(dir, 'sub', 'history');
    saveHistory(file, ['third', 'second', 'first']);
    expect(readFileSync(file, 'utf8')).toBe('first\nsecond\nthird\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadHistory(file)).toEqual(['third', 'second', 'first']);
  });

  it('is bounded, and a missing or unwritable file is no error', () => {
    const file = join(dir, 'long');
    writeFileSync(file, Array.from({ length: HISTORY_SIZE + 50 }, (_, i) => `l${i}`).join('\n'));
    const loaded = loadHistory(file);
    expect(loaded).toHaveLength(HISTORY_SIZE);
    expect(loaded[0]).toBe(`l${HISTORY_SIZE + 49}`);
    expect(loadHistory(join(dir, 'missing'))).toEqual([]);
    // Under a plain file: no directory can be made there.
    expect(() => saveHistory(join(file, 'sub', 'h'), ['x'])).not.toThrow();
    expect(loadHistory(null)).toEqual([]);
  });
});
