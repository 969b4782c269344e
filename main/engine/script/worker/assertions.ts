/**
 * `assert` for scripts: like node:assert's basics, but every failure is a ScriptFailure of kind
 * `assertion` (exit code 9) whose message shows both values, and every pass is counted for the
 * report line.
 */
import type { Assert } from '../../../../types/script.js';
import { callSite, preview, ScriptFailure } from './failures.js';
import { deepEqual } from './matchers.js';

export function makeAssert(passed: () => void): Assert {
  const failed = (message: string | undefined, what: string): never => {
    throw new ScriptFailure('assertion', message === undefined ? what : `${message} (${what})`, callSite());
  };
  const ok = (value: unknown, message?: string): asserts value => {
    if (!value) failed(message, `expected a truthy value, got ${preview(value)}`);
    passed();
  };
  const assert = ok as Assert;
  return Object.assign(assert, {
    ok,
    equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
      if (!Object.is(actual, expected))
        failed(message, `expected ${preview(expected)}, got ${preview(actual)}`);
      passed();
    },
    notEqual(actual: unknown, expected: unknown, message?: string): void {
      if (Object.is(actual, expected)) failed(message, `expected anything but ${preview(expected)}`);
      passed();
    },
    deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
      if (!deepEqual(actual, expected))
        failed(message, `expected ${preview(expected, 200)}, got ${preview(actual, 200)}`);
      passed();
    },
    match(text: string, pattern: RegExp, message?: string): void {
      if (
        typeof text !== 'string' ||
        !new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).test(text)
      )
        failed(message, `expected ${preview(text)} to match ${String(pattern)}`);
      passed();
    },
    fail(message?: string): never {
      return failed(message, 'assert.fail()');
    },
  });
}
