import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UserError } from '../errors.js';

/**
 * Asks for a secret on the terminal without echoing it (wscat's `--passphrase` without a value):
 * the prompt goes to `output`, the typed characters nowhere. Ctrl-C or Ctrl-D abandons.
 */
export function askSecret(
  prompt: string,
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream,
): Promise<string> {
  if (input.isTTY !== true) {
    return Promise.reject(
      new UserError(
        '--passphrase without a value asks for it on a terminal; standard input is not one: give it as --passphrase VALUE',
      ),
    );
  }
  let muted = false;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input, output: sink, terminal: true });
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.question(prompt, (answer) => {
      answered = true;
      output.write('\n');
      rl.close();
      resolve(answer);
    });
    muted = true;
    rl.once('SIGINT', () => rl.close());
    rl.once('close', () => {
      if (answered) return;
      output.write('\n');
      reject(new UserError('no passphrase given'));
    });
  });
}
