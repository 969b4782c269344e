import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Check } from '../../../shared/ipc/validate.js';
import { ConsoleError } from './console-error.js';

const VERSION = 1;
let tempCount = 0;

/** Why reading failed, as a short phrase. */
const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A list kept as one JSON file (`{"version": 1, "<key>": [...]}`) in a folder created on the first
 * write. Writes go to a temp file renamed over the old one, so a crash leaves the old or the new
 * list, never half of one. A file that does not parse or fit `check` is renamed aside
 * (`<name>.bad-<time>`, never deleted) and reported as SAVED_UNREADABLE; the list then starts empty.
 * Every operation waits for the one before, so two quick edits cannot undo each other.
 */
export class JsonListFile<T> {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly path: string;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly key: string,
    private readonly check: Check,
  ) {
    this.path = join(dir, name);
  }

  /** The list (empty when the file does not exist yet). */
  read(): Promise<T[]> {
    return this.serial(() => this.load());
  }

  /** Replaces the list with `change(current)` and returns what was written. */
  update(change: (current: T[]) => T[]): Promise<T[]> {
    return this.serial(async () => {
      const next = change(await this.load());
      await this.save(next);
      return next;
    });
  }

  private serial<R>(run: () => Promise<R>): Promise<R> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<T[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      // Nothing there yet (ENOTDIR: a folder on the way is a file; a write will say so).
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw new ConsoleError('SAVED_UNREADABLE', `${this.path} could not be read: ${reasonOf(error)}`);
    }
    const problem = this.problemOf(text);
    if (problem === null) return (JSON.parse(text) as Record<string, T[]>)[this.key] as T[];
    const aside = `${this.path}.bad-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(this.path, aside);
    } catch (error) {
      throw new ConsoleError(
        'SAVED_UNREADABLE',
        `${this.path} is not a valid ${this.name} (${problem}), and could not be moved aside: ${reasonOf(error)}`,
      );
    }
    throw new ConsoleError(
      'SAVED_UNREADABLE',
      `${this.path} was not a valid ${this.name} (${problem}); it was moved to ${aside} and the list starts empty`,
    );
  }

  /** Null when `text` is a file of this kind, else what is wrong with it. */
  private problemOf(text: string): string | null {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return `not JSON: ${reasonOf(error)}`;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
    const record = value as Record<string, unknown>;
    if (record.version !== VERSION) return `version ${JSON.stringify(record.version)}, expected ${VERSION}`;
    return this.check(record[this.key], this.key);
  }

  private async save(items: readonly T[]): Promise<void> {
    const temp = `${this.path}.${process.pid}.${++tempCount}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(temp, `${JSON.stringify({ version: VERSION, [this.key]: items }, null, 2)}\n`);
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new ConsoleError('SAVED_WRITE_FAILED', `${this.path} could not be written: ${reasonOf(error)}`);
    }
  }
}
