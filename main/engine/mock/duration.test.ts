import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';
import { matchPath, parsePathPattern } from './path-pattern.js';

describe('durations', () => {
  it('reads numbers as ms and text with units', () => {
    expect(parseDuration(250)).toBe(250);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('5s')).toBe(5000);
    expect(parseDuration(' 1.5 s ')).toBe(1500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('40')).toBe(40);
  });

  it('refuses the rest with a hint', () => {
    expect(parseDuration('5 sec')).toEqual({
      error: "'5 sec' is not a duration: write a number of ms or text such as 250ms, 5s, 1.5m, 1h",
    });
    expect(parseDuration(-1)).toEqual({ error: 'a duration is ≥ 0 ms, got -1' });
  });

  it('formats for the timeline', () => {
    expect([250, 1000, 1500, 60_000, 90_000, 1234].map(formatDuration)).toEqual([
      '250ms',
      '1s',
      '1.5s',
      '1m',
      '1.5m',
      '1234ms',
    ]);
  });
});

describe('route paths', () => {
  const pattern = (source?: string) => {
    const parsed = parsePathPattern(source);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed;
  };

  it('matches exact paths, parameters, the rest, and anything', () => {
    expect(matchPath(pattern('/chat'), '/chat')).toEqual({});
    expect(matchPath(pattern('/chat'), '/chat/')).toBeNull();
    expect(matchPath(pattern('/rooms/:room'), '/rooms/lobby%20one')).toEqual({ room: 'lobby one' });
    expect(matchPath(pattern('/rooms/:room'), '/rooms/')).toBeNull();
    expect(matchPath(pattern('/rooms/:room/:user'), '/rooms/a')).toBeNull();
    expect(matchPath(pattern('/files/*'), '/files/a/b.txt')).toEqual({ '*': 'a/b.txt' });
    expect(matchPath(pattern('*'), '/any/thing')).toEqual({});
    expect(matchPath(pattern(undefined), '/')).toEqual({});
    expect(pattern(undefined).source).toBe('*');
  });

  it('explains bad patterns', () => {
    expect(parsePathPattern('chat')).toMatchObject({
      error: expect.stringContaining('a route path starts with /'),
    });
    expect(parsePathPattern('/a/*/b')).toMatchObject({
      error: expect.stringContaining("'*' stands only at the end"),
    });
    expect(parsePathPattern('/a/:x/:x')).toMatchObject({
      error: "parameter ':x' appears twice in '/a/:x/:x'",
    });
    expect(parsePathPattern('/a/:1x')).toMatchObject({ error: expect.stringContaining("':1x'") });
  });
});
