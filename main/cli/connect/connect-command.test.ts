// The connect command in-process: help, wscat's argv, and mistakes caught before connecting.
import { describe, expect, it } from 'vitest';
import { rewriteWscatArgv } from '../main.js';
import { runCli } from '../run-cli.test-util.js';

describe('wscat argv', () => {
  it('-c URL anywhere becomes `connect URL`, -l PORT `serve --port PORT`; other arguments pass through', () => {
    expect(rewriteWscatArgv(['-c', 'ws://h', '-x', 'hi'])).toEqual(['connect', 'ws://h', '-x', 'hi']);
    expect(rewriteWscatArgv(['-n', '--connect', 'wss://h', '-P'])).toEqual(['connect', 'wss://h', '-n', '-P']);
    expect(rewriteWscatArgv(['--connect=ws://h'])).toEqual(['connect', 'ws://h']);
    expect(rewriteWscatArgv(['connect', 'ws://h', '-c'])).toEqual(['connect', 'ws://h', '-c']);
    expect(rewriteWscatArgv(['--version'])).toEqual(['--version']);
    expect(() => rewriteWscatArgv(['-c'])).toThrow('-c needs a URL: wstap -c ws://host:port');
    expect(rewriteWscatArgv(['-l', '8080', '--broadcast'])).toEqual(['serve', '--port', '8080', '--broadcast']);
    expect(rewriteWscatArgv(['--no-color', '--listen=0'])).toEqual(['serve', '--port', '0', '--no-color']);
    expect(() => rewriteWscatArgv(['-l'])).toThrow('-l needs a port: wstap -l 8080');
  });
});

describe('wstap connect (in-process)', () => {
  it('--passphrase without a value asks on a terminal, and says what to do without one', async () => {
    const run = await runCli(['connect', 'wss://127.0.0.1:9/', '--cert', 'c.pem', '--key', 'k.pem', '--passphrase'], '');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe('wstap: --passphrase without a value asks for it on a terminal; standard input is not one: give it as --passphrase VALUE\n');
  });

  it('--help has the examples, the --expect syntax and the exit codes', async () => {
    const run = await runCli(['connect', '--help']);
    expect(run.code).toBe(0);
    for (const text of ['Examples:', "--expect '$.type=subscribed'", '$.path=value', '/regex/flags', '5  the peer closed with a code listed as failure', '-w, --wait <seconds>']) {
      expect(run.stdout).toContain(text);
    }
    const top = await runCli(['--help']);
    expect(top.stdout).toContain('connect [options] <url>');
    expect(top.stdout).toContain('completion <shell>');
  });

  it('usage errors are one line with exit 2, before anything connects', async () => {
    expect(await runCli(['connect', 'ws://127.0.0.1:1', '--json', '--frames'])).toMatchObject({
      code: 2,
      stderr: "error: option '--json' cannot be used with option '--frames'\n",
    });
    expect(await runCli(['connect', 'ws://127.0.0.1:1', '-w', 'soon'])).toMatchObject({ code: 2, stderr: "wstap: -w/--wait takes a number of seconds (e.g. 2 or 0.5), got 'soon'\n" });
    expect(await runCli(['connect', 'ws://127.0.0.1:1', '--ca', '/nonexistent/ca.pem'])).toMatchObject({
      code: 2,
      stderr: 'wstap: cannot read the CA file /nonexistent/ca.pem: ENOENT\n',
    });
    expect(await runCli(['connect', 'ws://127.0.0.1:1', '--record', '/nonexistent/dir/s.jsonl'])).toMatchObject({
      code: 2,
      stderr: 'wstap: cannot write the recording /nonexistent/dir/s.jsonl: ENOENT\n',
    });
    expect(await runCli(['connect'])).toMatchObject({ code: 2, stderr: "error: missing required argument 'url'\n" });
  });
});
