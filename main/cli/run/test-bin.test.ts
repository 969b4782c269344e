// `wstap test` with the real binary: scripts in parallel, a line each, the summary, exit 9 when one
// failed, and JUnit XML checked by a real XML parser (Python's ElementTree).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptServer, type ScriptServer } from '../../engine/script/script.test-util.js';
import { buildCliOnce, runBin } from '../bin.test-util.js';

let dir: string;
let url: string;
let server: ScriptServer;

beforeAll(async () => {
  server = await startScriptServer('wstap-test-');
  ({ dir, url } = server);
  mkdirSync(join(dir, 'scripts', 'chat'), { recursive: true });
  const echo = (text: string): string[] => [
    "import { connect, env, log } from 'wstap';",
    'const c = await connect(env.ECHO_URL!);',
    `await c.send(${JSON.stringify(text)});`,
    `await c.expect(${JSON.stringify(text)});`,
    `log('echoed', ${JSON.stringify(text)});`,
    'await c.close();',
  ];
  writeFileSync(join(dir, 'scripts', 'one.ws.ts'), echo('one').join('\n'));
  writeFileSync(
    join(dir, 'scripts', 'chat', 'two.ws.mjs'),
    echo('two <&> "quoted"').join('\n').replace('env.ECHO_URL!', 'env.ECHO_URL'),
  );
  writeFileSync(
    join(dir, 'scripts', 'chat', 'fails.ws.ts'),
    [
      "import { assert, log } from 'wstap';",
      "log('about to fail');",
      "assert.equal(1 + 1, 3, 'arithmetic <broken>');",
    ].join('\n'),
  );
  writeFileSync(join(dir, 'scripts', 'not-a-test.ts'), 'throw new Error("must not run");');
  await buildCliOnce();
}, 240_000);

afterAll(() => server.close());

describe('wstap test', () => {
  it('runs every *.ws.* script of a folder in parallel, prints a line each and a summary, exit 9 for the failure', async () => {
    const junit = join(dir, 'report.xml');
    const result = await runBin(['test', 'scripts', '--jobs', '3', '--junit', junit], {
      env: { ECHO_URL: url },
      cwd: dir,
    });
    expect(result.stderr).toMatch(/running 3 scripts, 3 at a time/);
    expect(result.stderr).toMatch(/^✓ scripts\/one\.ws\.ts \(1 expectation passed, 0 failed/m);
    expect(result.stderr).toMatch(/^✓ scripts\/chat\/two\.ws\.mjs/m);
    expect(result.stderr).toMatch(/^✗ scripts\/chat\/fails\.ws\.ts assertion/m);
    expect(result.stderr).toContain(`fails.ws.ts:3:8: arithmetic <broken> (expected 3, got 2)`);
    expect(result.stderr).toContain('      about to fail');
    expect(result.stderr).toMatch(/3 scripts: 2 passed, 1 failed \(\d+\.\d s\)/);
    expect(result.stderr).not.toContain('must not run');
    expect(result.code).toBe(9);

    // A real XML parser reads the report: counts, names, the failure's type and text, system-out.
    const parsed = execFileSync(
      'python3',
      [
        '-c',
        [
          'import json, sys, xml.etree.ElementTree as ET',
          'root = ET.parse(sys.argv[1]).getroot()',
          'suite = root.find("testsuite")',
          'cases = [{"name": c.get("name"), "classname": c.get("classname"), "failure": (c.find("failure").get("type"), c.find("failure").get("message")) if c.find("failure") is not None else None, "out": c.findtext("system-out")} for c in suite.findall("testcase")]',
          'print(json.dumps({"root": root.tag, "tests": suite.get("tests"), "failures": suite.get("failures"), "errors": suite.get("errors"), "cases": cases}))',
        ].join('\n'),
        junit,
      ],
      { encoding: 'utf8' },
    );
    const report = JSON.parse(parsed) as {
      root: string;
      tests: string;
      failures: string;
      errors: string;
      cases: { name: string; classname: string; failure: [string, string] | null; out: string | null }[];
    };
    expect(report).toMatchObject({ root: 'testsuites', tests: '3', failures: '1', errors: '0' });
    const byName = new Map(report.cases.map((c) => [c.name, c]));
    expect(byName.get('scripts/one.ws.ts')).toMatchObject({
      classname: 'scripts',
      failure: null,
      out: 'echoed one',
    });
    expect(byName.get('scripts/chat/two.ws.mjs')?.out).toBe('echoed two <&> "quoted"');
    const failed = byName.get('scripts/chat/fails.ws.ts');
    expect(failed?.classname).toBe('scripts.chat');
    expect(failed?.failure?.[0]).toBe('assertion');
    expect(failed?.failure?.[1]).toMatch(/fails\.ws\.ts:3:8: arithmetic <broken> \(expected 3, got 2\)$/);
    expect(readFileSync(junit, 'utf8')).toContain('arithmetic &lt;broken&gt;');
  });

  it('a quoted pattern is expanded by wstap; no match is one line with exit 2', async () => {
    const result = await runBin(['test', 'scripts/**/t*.ws.*'], { env: { ECHO_URL: url }, cwd: dir });
    expect(result.stderr).toMatch(/1 script: 1 passed, 0 failed/);
    expect(result.code).toBe(0);
    const none = await runBin(['test', 'nothing/**/*.ws.ts'], { cwd: dir });
    expect(none.stderr.trim()).toBe("wstap: 'nothing/**/*.ws.ts' matches no file");
    expect(none.code).toBe(2);
  });
});
