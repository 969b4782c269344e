// Which arguments are the user's, among what Electron, Chromium and Playwright put in argv.
import { describe, expect, it } from 'vitest';
import { startsDefault, userArgs } from './launch-args.js';

describe('userArgs', () => {
  it('drops the executable, the app path (unpackaged) and switches', () => {
    expect(
      userArgs(['/x/electron', '--inspect=0', '--remote-debugging-port=0', 'out/app/main.cjs'], false),
    ).toEqual([]);
    expect(userArgs(['/x/electron', 'out/app/main.cjs', 'ws://a'], false)).toEqual(['ws://a']);
    expect(userArgs(['/opt/wstap/wstap', '--no-sandbox'], true)).toEqual([]);
    expect(userArgs(['/opt/wstap/wstap', 'ws://a'], true)).toEqual(['ws://a']);
  });
});

describe('startsDefault', () => {
  it('starts the default echo server only without arguments', () => {
    expect(startsDefault(['/x/electron', 'out/app/main.cjs'], false)).toBe(true);
    expect(startsDefault(['/x/electron', 'out/app/main.cjs', '--empty'], false)).toBe(false);
    expect(startsDefault(['/opt/wstap/wstap', 'ws://a'], true)).toBe(false);
  });
});
