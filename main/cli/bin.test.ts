import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliOnce, ROOT as root } from './bin.test-util.js';

const wstap = (args: string[], input?: Buffer) =>
  spawnSync(process.execPath, ['bin/wstap.cjs', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('the wstap binary', () => {
  // The binary runs the compiled build: compile what is being tested (once per run, see bin.test-util).
  beforeAll(() => buildCliOnce(), 180_000);

  it('prints its version and help with the exit-code table', () => {
    expect(wstap(['--version'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    const help = wstap(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('decode [options] [file]');
    expect(help.stdout).toContain('7  a protocol violation was seen');
    expect(wstap(['decode', '--help']).stdout).toContain('Examples:');
  });

  it('decodes piped bytes and exits non-zero on a violation', () => {
    const clean = wstap(['decode', '--role', 'server'], Buffer.from('810568656c6c6f', 'hex'));
    expect(clean).toMatchObject({ status: 0, stdout: '#0     @0         FIN op=text unmasked len=5/7-bit  "hello"\n' });
    const bad = wstap(['decode', '--role', 'client'], Buffer.from('810568656c6c6f', 'hex'));
    expect(bad.status).toBe(7);
  });

  it('exits 2 with one line for an unknown command', () => {
    const run = wstap(['decod']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown command 'decod'");
    expect(run.stderr).toContain('(Did you mean decode?)');
  });
});
