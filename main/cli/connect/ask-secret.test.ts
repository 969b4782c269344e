import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askSecret } from './ask-secret.js';

/** A stream readline takes for a terminal. */
function fakeTerminal(): PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => void } {
  return Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
}

describe('asking for a passphrase', () => {
  it('reads a line on the terminal without echoing it', async () => {
    const input = fakeTerminal();
    const output = new PassThrough();
    const shown: string[] = [];
    output.on('data', (d: Buffer) => shown.push(d.toString()));
    const answer = askSecret('passphrase for the key: ', input, output);
    input.write('s3cret\r');
    expect(await answer).toBe('s3cret');
    expect(shown.join('')).toContain('passphrase for the key: ');
    expect(shown.join('')).not.toContain('s3cret');
  });

  it('refuses when standard input is not a terminal, and when the user gives up', async () => {
    await expect(askSecret('p: ', new PassThrough(), new PassThrough())).rejects.toThrow(
      '--passphrase without a value asks for it on a terminal',
    );
    const input = fakeTerminal();
    const answer = askSecret('p: ', input, new PassThrough());
    input.end();
    await expect(answer).rejects.toThrow('no passphrase given');
  });
});
