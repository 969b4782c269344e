import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { defaultRecordPath, planReplay } from './replay-plan.js';
import { liveUrl } from './replay-target.js';

describe('replay plan', () => {
  it('defaults: lockstep, json matching, 5 s per step, 1 s tolerance, the live run recorded next to the input', () => {
    expect(planReplay('s.jsonl', {})).toMatchObject({
      mode: 'lockstep',
      match: 'json',
      speed: 1,
      timeout: 5000,
      tolerance: 1000,
      record: 's.replay.jsonl',
      connections: [],
    });
    expect(defaultRecordPath('dir/chrome.har')).toBe('dir/chrome.replay.jsonl');
    expect(defaultRecordPath('s.replay.jsonl')).toBe('s.replay.jsonl');
    expect(planReplay('s.jsonl', { record: false, tolerance: 'off', connection: ['#2', '3'] })).toMatchObject(
      {
        record: null,
        tolerance: null,
        connections: [2, 3],
      },
    );
  });

  it.each([
    [{ mode: 'slow' }, "--mode takes one of lockstep, timed, fast, got 'slow'"],
    [{ match: 'fuzzy' }, "--match takes one of exact, json, shape, type, got 'fuzzy'"],
    [{ speed: '0' }, '--speed takes a factor > 0'],
    [{ ignore: ['id'] }, "--ignore 'id' must start with $"],
    [{ timeout: 'soon' }, "--timeout: 'soon' is not a duration"],
    [{ connection: ['x'] }, '--connection takes a whole number'],
    [{ ca: '/nonexistent/ca.pem' }, '--ca: cannot read /nonexistent/ca.pem: ENOENT'],
  ])('refuses %j', (flags, message) => {
    expect(() => planReplay('s.jsonl', flags)).toThrow(UserError);
    expect(() => planReplay('s.jsonl', flags)).toThrow(message);
  });
});

describe('live URL', () => {
  it('keeps the recorded URL, or puts its path and query on a bare target', () => {
    expect(liveUrl(null, 'ws://old:1/ws/red?x=1')).toBe('ws://old:1/ws/red?x=1');
    expect(liveUrl('ws://127.0.0.1:9', 'ws://old:1/ws/red?x=1')).toBe('ws://127.0.0.1:9/ws/red?x=1');
    expect(liveUrl('localhost:9', 'wss://old/a')).toBe('ws://localhost:9/a');
    expect(liveUrl('wss://new/other', 'ws://old:1/ws/red')).toBe('wss://new/other');
    expect(liveUrl(null, 'https://site/socket')).toBe('wss://site/socket');
  });

  it('refuses what is not a WebSocket URL', () => {
    expect(() => liveUrl('ftp://x', 'ws://old/a')).toThrow(
      "--target: 'ftp://x' is not a ws:// or wss:// URL",
    );
    expect(() => liveUrl(null, 'not a url')).toThrow("the recording: 'not a url' is not a URL");
  });
});
