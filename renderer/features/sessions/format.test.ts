import { describe, expect, it } from 'vitest';
import { connectionAge, displayUrl, formatBytes, formatCount, formatDuration, splitUrl } from './format.js';
import { closed, connecting, connectionsOf, ev } from './sidebar-fixtures.test-util.js';

describe('formatDuration', () => {
  it.each([
    [-5, '0ms'],
    [0, '0ms'],
    [450.4, '450ms'],
    [999, '999ms'],
    [1000, '1.0s'],
    [3290, '3.2s'],
    [9999, '9.9s'],
    [42_000, '42s'],
    [60_000, '1m 00s'],
    [307_000, '5m 07s'],
    [3_600_000, '1h 00m'],
    [7_380_000, '2h 03m'],
    [86_400_000 + 4 * 3_600_000, '1d 04h'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('connectionAge', () => {
  it('counts from the start while up, and is the whole duration once closed', () => {
    const up = connectionsOf(connecting(1, 'client', 'ws://a/', 1))[1]!;
    expect(connectionAge(up, 3_500)).toEqual({ ms: 2_500, ended: false });
    expect(connectionAge(up, 0)).toEqual({ ms: 0, ended: false });
    const done = connectionsOf(connecting(1, 'client', 'ws://a/', 1), closed(1, 777))[1]!;
    expect(connectionAge(done, 99_999)).toEqual({ ms: 777, ended: true });
  });
});

describe('URLs', () => {
  it('splits where from what', () => {
    expect(splitUrl('ws://127.0.0.1:8080/chat?room=1')).toEqual({
      base: 'ws://127.0.0.1:8080',
      path: '/chat?room=1',
    });
    expect(splitUrl('wss://h')).toEqual({ base: 'wss://h', path: '' });
    expect(splitUrl('weird')).toEqual({ base: 'weird', path: '' });
  });

  it("shows a server connection's requested path", () => {
    const conns = connectionsOf(
      connecting(1, 'server', 'ws://127.0.0.1:4000', 0),
      ev(1, { type: 'upgrade-request', requestLine: 'GET /room/7?x=1 HTTP/1.1', headers: [] }),
      connecting(2, 'server', 'ws://127.0.0.1:4000', 0),
      connecting(3, 'client', 'ws://h/p', 1),
    );
    expect(displayUrl(conns[1]!)).toBe('ws://127.0.0.1:4000/room/7?x=1');
    expect(displayUrl(conns[2]!)).toBe('ws://127.0.0.1:4000');
    expect(displayUrl(conns[3]!)).toBe('ws://h/p');
  });
});

describe('counts and sizes', () => {
  it('formats them compactly', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MiB');
  });
});
