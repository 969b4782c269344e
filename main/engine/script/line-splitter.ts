/** Splits a byte stream (a worker's stdout) into lines; a last line without a newline comes at end(). */
import { StringDecoder } from 'node:string_decoder';

/** A line longer than this is cut into pieces: a script printing megabytes without a newline stays bounded. */
const MAX_LINE = 64 * 1024;

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    const text = this.rest + this.decoder.write(chunk);
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.onLine(line.replace(/\r$/, ''));
    while (this.rest.length > MAX_LINE) {
      this.onLine(this.rest.slice(0, MAX_LINE));
      this.rest = this.rest.slice(MAX_LINE);
    }
  }

  end(): void {
    const last = this.rest + this.decoder.end();
    this.rest = '';
    if (last.length > 0) this.onLine(last);
  }
}
