/**
 * The console's recording files: the one recording under way (every connection, from start to
 * stop), the recordings folder in the data folder, and dropped files uploaded over the bridge
 * into a temp file (browser mode has no path for a dropped file), bounded.
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import {
  MAX_UPLOAD_BYTES,
  type RecordingFile,
  type RecordingStatus,
} from '../../../shared/ipc/recording-commands.js';
import type { Engine } from '../engine.js';
import type { ActiveRecording } from '../session-recorder.js';
import { ConsoleError } from './console-error.js';

/** A recording's default file name: its start time, sortable, safe on every file system. */
export function defaultRecordingName(at: Date): string {
  return `recording-${at.toISOString().replace(/[:.]/g, '-')}.jsonl`;
}

/** The recording under way and the recordings folder. */
export class RecordingControl {
  private active: { recording: ActiveRecording; path: string; startedAt: number } | null = null;
  private last: string | null = null;
  readonly dir: string;

  constructor(
    private readonly engine: Engine,
    dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.dir = join(dataDir, 'recordings');
  }

  status(): RecordingStatus {
    const active = this.active === null ? null : { path: this.active.path, startedAt: this.active.startedAt };
    return { active, last: this.last, dir: this.dir };
  }

  /** Starts recording every connection into `path` (a timestamped file in the folder by default). */
  async start(path: string | undefined): Promise<RecordingStatus> {
    if (this.active !== null)
      throw new ConsoleError('RECORDING_BUSY', `already recording to ${this.active.path}: stop it first`);
    const at = this.now();
    let file: string;
    if (path === undefined || path.trim() === '') {
      await mkdir(this.dir, { recursive: true });
      file = join(this.dir, defaultRecordingName(at));
    } else file = resolve(path);
    let recording: ActiveRecording;
    try {
      recording = await this.engine.startRecording(file);
    } catch (error) {
      // The recorder wraps the file system's error: its errno (ENOENT, EACCES, EEXIST) says it best.
      const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
      throw new ConsoleError(
        'RECORDING_FILE',
        `cannot write ${file}: ${cause?.code ?? (error as Error).message}`,
      );
    }
    this.active = { recording, path: file, startedAt: at.getTime() };
    return this.status();
  }

  /** Stops the recording (its last lines written, the file closed). */
  async stop(): Promise<RecordingStatus> {
    const active = this.active;
    if (active === null) throw new ConsoleError('RECORDING_BUSY', 'no recording is under way');
    this.active = null;
    this.last = active.path;
    await active.recording.stop();
    return this.status();
  }

  /** Waits for the recording's written lines to reach the file (an export of the recording under way). */
  async flush(): Promise<void> {
    await this.active?.recording.flush();
  }

  /** The folder's files, newest first ([] when it does not exist yet). */
  async list(): Promise<RecordingFile[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new ConsoleError('RECORDING_FILE', `cannot list ${this.dir}: ${(error as Error).message}`);
    }
    const files: RecordingFile[] = [];
    for (const name of names) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (info?.isFile() === true) files.push({ name, path, bytes: info.size, modified: info.mtimeMs });
    }
    return files.sort((a, b) => b.modified - a.modified || b.name.localeCompare(a.name));
  }

  /** Stops the recording, if one is under way (the console is closing). */
  async dispose(): Promise<void> {
    if (this.active !== null) await this.stop();
  }
}

/** Files dropped on the panel, arriving in chunks, each written to a temp file as it comes. */
export class Uploads {
  private next = 0;
  private dir: string | null = null;
  private readonly open = new Map<number, { path: string; expected: number; received: number }>();

  constructor(private readonly maxBytes = MAX_UPLOAD_BYTES) {}

  async begin(name: string, bytes: number): Promise<number> {
    if (bytes > this.maxBytes)
      throw new ConsoleError(
        'UPLOAD_TOO_LARGE',
        `${name} has ${bytes} bytes; the console takes at most ${this.maxBytes}`,
      );
    this.dir ??= await mkdtemp(join(tmpdir(), 'wstap-dropped-'));
    const upload = ++this.next;
    // The name is the user's: only its last part, with nothing a path could use.
    const safe =
      basename(name)
        .replace(/[^\w.-]/g, '_')
        .slice(0, 100) || 'dropped';
    const path = join(this.dir, `${upload}-${safe}`);
    await writeFile(path, new Uint8Array(0));
    this.open.set(upload, { path, expected: bytes, received: 0 });
    return upload;
  }

  async chunk(upload: number, base64: string): Promise<number> {
    const entry = this.entry(upload);
    const bytes = Buffer.from(base64, 'base64');
    if (entry.received + bytes.length > entry.expected) {
      this.open.delete(upload);
      await rm(entry.path, { force: true });
      throw new ConsoleError('UPLOAD_TOO_LARGE', `more bytes came than the ${entry.expected} announced`);
    }
    entry.received += bytes.length;
    await appendFile(entry.path, bytes);
    return entry.received;
  }

  end(upload: number): string {
    const entry = this.entry(upload);
    this.open.delete(upload);
    if (entry.received !== entry.expected)
      throw new ConsoleError(
        'UPLOAD_TOO_LARGE',
        `${entry.received} bytes came of the ${entry.expected} announced`,
      );
    return entry.path;
  }

  /** Removes the temp files. */
  async dispose(): Promise<void> {
    if (this.dir !== null) await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private entry(upload: number): { path: string; expected: number; received: number } {
    const entry = this.open.get(upload);
    if (entry === undefined) throw new ConsoleError('UNKNOWN_UPLOAD', `no upload ${upload} is open`);
    return entry;
  }
}
