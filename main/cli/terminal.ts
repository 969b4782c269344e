import pc from 'picocolors';

/** The palette of one output stream: real colors on a TTY, plain text otherwise. */
export type Palette = ReturnType<typeof pc.createColors>;

/**
 * Colors only on a TTY, never with NO_COLOR (https://no-color.org) or --no-color; FORCE_COLOR
 * forces them (for screenshots and tests).
 */
export function paletteFor(stream: NodeJS.WriteStream, noColorFlag: boolean, env: NodeJS.ProcessEnv = process.env): Palette {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const enabled = !noColorFlag && !('NO_COLOR' in env && env.NO_COLOR !== '') && (forced || stream.isTTY === true);
  return pc.createColors(enabled);
}

/**
 * Writes lines to a stream in batches, honouring backpressure, so printing a million frames
 * neither floods memory nor makes one syscall per line.
 */
export class LineWriter {
  private buffer: string[] = [];
  private size = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly batchBytes = 64 * 1024,
  ) {}

  /** Queues one line (a newline is added). */
  line(text: string): void {
    this.buffer.push(text);
    this.size += text.length + 1;
  }

  /** True when enough is queued that the caller should `flush()` before producing more. */
  get full(): boolean {
    return this.size >= this.batchBytes;
  }

  /** Writes what is queued; resolves when the stream can take more. */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          resolve();
        };
        this.stream.once('drain', done);
        this.stream.once('error', done);
      });
    }
  }
}
