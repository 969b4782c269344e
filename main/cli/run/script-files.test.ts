import { describe, expect, it } from 'vitest';
import { globRegex } from './script-files.js';
import { junitXml } from './junit.js';

describe('globRegex', () => {
  it('*, **/, ? and {a,b} over / separated paths', () => {
    const re = globRegex('**/*.ws.{ts,mjs}');
    expect(['a.ws.ts', 'x/y/b.ws.mjs'].every((p) => re.test(p))).toBe(true);
    expect(['a.ws.js', 'a.ts', 'x/a.ws.ts.bak'].some((p) => re.test(p))).toBe(false);
    expect(globRegex('chat/?.ts').test('chat/a.ts')).toBe(true);
    expect(globRegex('chat/*.ts').test('chat/sub/a.ts')).toBe(false);
  });
});

describe('junitXml', () => {
  it('escapes text and attributes and replaces characters XML cannot hold', () => {
    const xml = junitXml(
      [
        {
          file: 'a/b.ws.ts',
          outcome: 'timeout',
          failure: 'x "<&>"\nline 2',
          durationMs: 1500,
          passed: 1,
          failed: 1,
          logs: ['\u0001bell'],
        },
      ],
      2000,
      new Date('2026-01-02T03:04:05.678Z'),
    );
    expect(xml).toContain('<testsuites name="wstap test" tests="1" failures="0" errors="1" time="2.000">');
    expect(xml).toContain('timestamp="2026-01-02T03:04:05"');
    expect(xml).toContain(
      '<error type="timeout" message="x &quot;&lt;&amp;&gt;&quot;">x "&lt;&amp;&gt;"\nline 2</error>',
    );
    expect(xml).toContain('<system-out>\uFFFDbell</system-out>');
  });
});
