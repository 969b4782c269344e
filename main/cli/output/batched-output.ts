import type { OutputLine, Target } from './event-printer.js';

/** Takes the prompt off the screen while output is written, and puts it back after. */
export interface PromptGuard {
  hide(): void;
  show(): void;
}

/**
 * Output for a live session: lines are queued and written once per turn of the event loop
 * (everything one socket read produced goes out in one write per stream, never one write per
 * frame), in order across stdout and stderr, with backpressure, and around an interactive prompt
 * so incoming lines never break the line being typed.
 */
export class BatchedOutput {
  private queue: OutputLine[] = [];
  private scheduled = false;
  private writing: Promise<void> = Promise.resolve();
  private guard: PromptGuard | null = null;
  private dropped = 0;
  private queuedChars = 0;

  /**
   * `maxQueued` bounds the text (in characters) waiting for a slow reader (a pipe, a terminal):
   * beyond it new lines are dropped and counted, and a note says how many once the reader catches
   * up. Unbounded when omitted (connect: its output is the user's data, and one session is paced
   * by its peer).
   */
  constructor(
    private readonly streams: Readonly<Record<Target, NodeJS.WritableStream>>,
    private readonly maxQueued = Number.POSITIVE_INFINITY,
  ) {}

  /** Sets (or removes) the prompt to write around. */
  setGuard(guard: PromptGuard | null): void {
    this.guard = guard;
  }

  /** Queues lines; they are written on the next turn of the event loop. */
  add(lines: readonly OutputLine[]): void {
    if (lines.length === 0) return;
    for (const line of lines) {
      if (this.queuedChars >= this.maxQueued) {
        this.dropped++;
        continue;
      }
      this.queue.push(line);
      this.queuedChars += line.text.length + 1;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  /** Writes everything queued; resolves when the streams took it (drained if they were full). */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.writeQueued());
    return this.writing;
  }

  private async writeQueued(): Promise<void> {
    if (this.queue.length === 0) return;
    const lines = this.queue;
    this.queue = [];
    this.queuedChars = 0;
    if (this.dropped > 0) {
      lines.push({
        to: 'err',
        text: `wstap: ${this.dropped} line${this.dropped === 1 ? '' : 's'} not shown: the output could not keep up (--record keeps everything, -q prints less)`,
      });
      this.dropped = 0;
    }
    const full = new Set<NodeJS.WritableStream>();
    this.guard?.hide();
    // Consecutive lines to the same stream become one write.
    let start = 0;
    for (let i = 1; i <= lines.length; i++) {
      const to = (lines[start] as OutputLine).to;
      if (i < lines.length && (lines[i] as OutputLine).to === to) continue;
      const stream = this.streams[to];
      const text = lines
        .slice(start, i)
        .map((l) => `${l.text}\n`)
        .join('');
      if (!stream.write(text)) full.add(stream);
      start = i;
    }
    this.guard?.show();
    await Promise.all([...full].map(drained));
  }
}

function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('error', done);
    stream.once('close', done);
  });
}
