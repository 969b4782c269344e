import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-util.js';

/** Runs the bash script's completion function for a command line (the cursor at its end). */
function complete(script: string, line: string): string[] {
  const words = line.split(' ');
  const program = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_wstap; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('wstap completion', () => {
  it('bash: completes subcommands, their options, and files after a file option', async () => {
    const run = await runCli(['completion', 'bash']);
    expect(run.code).toBe(0);
    expect(complete(run.stdout, 'wstap con')).toEqual(['connect', 'convert']);
    expect(complete(run.stdout, 'wstap connect --pre')).toEqual(['--pretty']);
    expect(complete(run.stdout, 'wstap connect -x hi --exp')).toEqual(['--expect']);
    expect(complete(run.stdout, 'wstap -c ws://h --fram')).toEqual(['--frames']);
    expect(complete(run.stdout, 'wstap decode --he')).toEqual(['--hex', '--headers-only', '--help']);
    expect(complete(run.stdout, 'wstap connect --record package.js')).toEqual(['package.json']);
    expect(complete(run.stdout, 'wstap connect --ca package.js')).toEqual(['package.json']);
  });

  it.runIf(existsSync('/usr/bin/zsh') || existsSync('/bin/zsh'))('zsh: the script parses', async () => {
    const run = await runCli(['completion', 'zsh']);
    expect(run.stdout.startsWith('#compdef wstap\n')).toBe(true);
    execFileSync('zsh', ['-n', '-c', run.stdout]);
  });

  it('zsh: every subcommand and option is listed with its description', async () => {
    const run = await runCli(['completion', 'zsh']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("'connect:open a WebSocket session");
    expect(run.stdout).toContain("'*--record[write a session recording (JSON Lines with the wire bytes)]:file:_files'");
    expect(run.stdout).toContain("'*-H[add a request header (repeatable)]:value: '");
  });

  it('refuses other shells', async () => {
    const run = await runCli(['completion', 'fish']);
    expect(run).toMatchObject({ code: 2, stderr: "wstap: completion scripts exist for bash and zsh, not 'fish'\n" });
  });
});
