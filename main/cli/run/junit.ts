/**
 * JUnit XML for `wstap test --junit FILE`: the format CI systems read (Jenkins, GitLab, GitHub
 * test reporters). One testsuite, one testcase per script; a failed assertion, expectation,
 * unexpected close or refused connection is a <failure>, a thrown error, a syntax error or a
 * timeout an <error>; the script's log lines go to <system-out>.
 */
import type { ScriptOutcome } from '../../../shared/model/events.js';

export interface JunitCase {
  /** The script's path relative to where wstap ran. */
  readonly file: string;
  readonly outcome: ScriptOutcome;
  readonly failure: string | null;
  readonly durationMs: number;
  readonly passed: number;
  readonly failed: number;
  readonly logs: readonly string[];
}

const ERRORS = new Set<ScriptOutcome>(['error', 'syntax', 'unreadable', 'timeout', 'stopped']);

export function junitXml(cases: readonly JunitCase[], totalMs: number, timestamp: Date): string {
  const failures = cases.filter((c) => c.outcome !== 'passed' && !ERRORS.has(c.outcome)).length;
  const errors = cases.filter((c) => ERRORS.has(c.outcome)).length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="wstap test" ${counts} time="${seconds(totalMs)}">`,
    `  <testsuite name="wstap test" ${counts} skipped="0" time="${seconds(totalMs)}" timestamp="${timestamp.toISOString().replace(/\.\d+Z$/, '')}">`,
  ];
  for (const c of cases) {
    const slash = c.file.lastIndexOf('/');
    const classname = slash === -1 ? 'scripts' : c.file.slice(0, slash).replace(/\//g, '.');
    lines.push(
      `    <testcase classname="${attr(classname)}" name="${attr(c.file)}" file="${attr(c.file)}" time="${seconds(c.durationMs)}" assertions="${c.passed + c.failed}">`,
    );
    if (c.outcome !== 'passed') {
      const tag = ERRORS.has(c.outcome) ? 'error' : 'failure';
      const message = (c.failure ?? c.outcome).split('\n')[0]!;
      lines.push(
        `      <${tag} type="${c.outcome}" message="${attr(message)}">${text(c.failure ?? c.outcome)}</${tag}>`,
      );
    }
    if (c.logs.length > 0) lines.push(`      <system-out>${text(c.logs.join('\n'))}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates) become U+FFFD. */
function legal(value: string): string {
  return value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}

function text(value: string): string {
  return legal(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
