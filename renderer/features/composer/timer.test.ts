import { describe, expect, it } from 'vitest';
import { parseTimerSettings } from './timer.js';

describe('parseTimerSettings', () => {
  it('takes whole ms in range and an optional limit', () => {
    expect(parseTimerSettings('250', '')).toEqual({ ok: true, settings: { intervalMs: 250, limit: null } });
    expect(parseTimerSettings('10', '5')).toEqual({ ok: true, settings: { intervalMs: 10, limit: 5 } });
    expect(parseTimerSettings('5', '').ok).toBe(false);
    expect(parseTimerSettings('1.5', '').ok).toBe(false);
    expect(parseTimerSettings('', '').ok).toBe(false);
    expect(parseTimerSettings('100', '0').ok).toBe(false);
  });
});
