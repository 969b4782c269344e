// bin/startup.cjs: the command kind the binary keeps a code cache for, and the V8 flags it sets.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const startup = createRequire(import.meta.url)('../../bin/startup.cjs') as {
  commandKind(argv: readonly string[]): string;
  v8FlagsFor(kind: string, execArgv: readonly string[]): string[];
};

describe('the command kind', () => {
  it('is the command’s name', () => {
    expect(startup.commandKind(['proxy', '--listen', '9000'])).toBe('proxy');
    expect(startup.commandKind(['serve'])).toBe('serve');
    expect(startup.commandKind(['connect', 'ws://x'])).toBe('connect');
  });

  it('is the command wscat’s style becomes, first option first (as rewriteWscatArgv reads it)', () => {
    expect(startup.commandKind(['-l', '8080'])).toBe('serve');
    expect(startup.commandKind(['--listen=8080', '-p', '13'])).toBe('serve');
    expect(startup.commandKind(['-c', 'ws://x'])).toBe('connect');
    expect(startup.commandKind(['-P', '--connect=ws://x', '-l', '1'])).toBe('connect');
  });

  it('is other for anything else', () => {
    expect(startup.commandKind([])).toBe('other');
    expect(startup.commandKind(['--version'])).toBe('other');
    expect(startup.commandKind(['nonsense', '-l', '1'])).toBe('other');
  });
});

describe('the V8 flags', () => {
  it('turn incremental marking off for the relays, proxy and serve', () => {
    expect(startup.v8FlagsFor('proxy', [])).toEqual(['--no-incremental-marking']);
    expect(startup.v8FlagsFor('serve', ['--enable-source-maps'])).toEqual(['--no-incremental-marking']);
  });

  it('leave every other command as Node starts it', () => {
    for (const kind of ['connect', 'show', 'decode', 'replay', 'ui', 'other'])
      expect(startup.v8FlagsFor(kind, [])).toEqual([]);
  });

  it('leave incremental marking to someone who set it on node’s command line', () => {
    expect(startup.v8FlagsFor('proxy', ['--incremental-marking'])).toEqual([]);
    expect(startup.v8FlagsFor('serve', ['--no-incremental_marking'])).toEqual([]);
    expect(startup.v8FlagsFor('serve', ['--incremental-marking-task'])).toEqual(['--no-incremental-marking']);
  });
});
