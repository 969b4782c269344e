/**
 * The console's recording files: the recordings under way (every connection, or some sessions
 * and connections, each from its start to its stop), the recordings folder in the data folder, and dropped files uploaded over the bridge
 * into a temp file (browser mode has no path for a dropped file), bounded.
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import {
  MAX_UPLOAD_BYTES,
  type ActiveRecordingInfo,
  type RecordingFile,
  type RecordingScope,
  type RecordingStatus,
} from '../../../shared/ipc/recording-commands.js';
import type { Engine } from '../engine.js';
import type { ActiveRecording } from '../session-recorder.js';
import { ConsoleError } from './console-error.js';

/** A recording's default file name: its start time, sortable, safe on every file system; then what it keeps, if scoped. */
export function defaultRecordingName(at: Date, scope = ''): string {
  return `recording-${at.toISOString().replace(/[:.]/g, '-')}${scope === '' ? '' : `-${scope}`}.jsonl`;
}

/** A scope in a file name: `session-3`, `conn-7`, `session-3-conn-7-8`. */
export function scopeName(sessions: readonly number[], conns: readonly number[]): string {
  const parts = [
    ...(sessions.length > 0 ? [`session-${sessions.join('-')}`] : []),
    ...(conns.length > 0 ? [`conn-${conns.join('-')}`] : []),
  ];
  return parts.join('-').slice(0, 80);
}

/** A recording under way in the console. */
interface Running {
  readonly info: ActiveRecordingInfo;
  readonly recording: ActiveRecording;
}

/** The recordings under way (every connection, or a scope) and the recordings folder. */
export class RecordingControl {
  private readonly active = new Map<number, Running>();
  private nextId = 0;
  private last: string | null = null;
  readonly dir: string;

  constructor(
    private readonly engine: Engine,
    dataDir: string,
    /** Told whenever the list of recordings under way changes (started, stopped, failed). */
    private readonly changed: (active: readonly ActiveRecordingInfo[]) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.dir = join(dataDir, 'recordings');
  }

  status(): RecordingStatus {
    return { active: this.infos(), last: this.last, dir: this.dir };
  }

  /**
   * Starts recording into `path` (a timestamped file in the folder by default) every connection,
   * or only the sessions and connections named.
   */
  async start(path: string | undefined, scope: Partial<RecordingScope> = {}): Promise<RecordingStatus> {
    const sessions = [...new Set(scope.sessions ?? [])];
    const conns = [...new Set(scope.conns ?? [])];
    const scoped = sessions.length > 0 || conns.length > 0;
    const at = this.now();
    let file: string;
    if (path === undefined || path.trim() === '') {
      await mkdir(this.dir, { recursive: true });
      file = join(this.dir, defaultRecordingName(at, scoped ? scopeName(sessions, conns) : ''));
    } else file = resolve(path);
    for (const { info } of this.active.values())
      if (info.path === file)
        throw new ConsoleError(
          'RECORDING_BUSY',
          `already recording to ${file}: stop it first or pick another file`,
        );
    let recording: ActiveRecording;
    try {
      recording = await this.engine.startRecording(file, scoped ? { sessions, conns } : undefined);
    } catch (error) {
      // The recorder wraps the file system's error: its errno (ENOENT, EACCES, EEXIST) says it best.
      const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
      throw new ConsoleError(
        'RECORDING_FILE',
        `cannot write ${file}: ${cause?.code ?? (error as Error).message}`,
      );
    }
    const id = ++this.nextId;
    const info: ActiveRecordingInfo = {
      recording: id,
      path: file,
      startedAt: at.getTime(),
      scope: scoped ? { sessions, conns } : null,
    };
    this.active.set(id, { info, recording });
    // A disk that fails mid-way ends it; the engine's RECORDING_FAILED error event says why.
    recording.onFailure(() => {
      if (this.active.delete(id)) this.ended(file);
    });
    this.changed(this.infos());
    return this.status();
  }

  /** Stops a recording (its last lines written, the file closed). */
  async stop(id: number): Promise<RecordingStatus> {
    const running = this.active.get(id);
    if (running === undefined) throw new ConsoleError('RECORDING_BUSY', `no recording ${id} is under way`);
    this.active.delete(id);
    try {
      await running.recording.stop();
    } finally {
      this.ended(running.info.path);
    }
    return this.status();
  }

  /** Waits for the written lines of the recording into `path`, if one is under way, to reach the file (an export of it). */
  async flush(path: string): Promise<void> {
    for (const { info, recording } of this.active.values()) if (info.path === path) await recording.flush();
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

  /** Stops every recording under way (the console is closing). */
  async dispose(): Promise<void> {
    await Promise.all([...this.active.keys()].map((id) => this.stop(id).catch(() => undefined)));
  }

  private infos(): ActiveRecordingInfo[] {
    return [...this.active.values()].map((r) => r.info);
  }

  private ended(path: string): void {
    this.last = path;
    this.changed(this.infos());
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
