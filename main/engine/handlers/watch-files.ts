/**
 * Watching a few files for hot reload. Each file's folder is watched, not the file: editors that
 * save by writing a new file and renaming it over the old one (vim, VS Code, JetBrains) replace
 * the inode a file watcher holds, after which it reports nothing; a folder watcher sees the new
 * file under the same name and needs no re-arming. Events are filtered by name, gathered for
 * `debounceMs` after the last one (a save is several events: truncate, write, rename, chmod), and
 * a file only counts as changed when its content hash differs from the last one seen — a touch,
 * or a save without edits, fires nothing.
 */
import { createHash } from 'node:crypto';
import { watch, type FSWatcher, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';

/** How watchFiles batches and reports. */
export interface WatchOptions {
  /** Quiet time after the last event before onChange runs (default 100 ms). */
  readonly debounceMs?: number;
  /** A folder watcher failed (e.g. the folder was removed), or onChange threw; default: a process warning. */
  readonly onError?: (error: Error) => void;
}

/** A running watch. */
export interface FileWatcher {
  /** Stops watching; no onChange runs after it. */
  close(): void;
}

const MISSING = 'missing';

function hashOf(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function hashNow(file: string): string {
  try {
    return hashOf(readFileSync(file));
  } catch {
    return MISSING;
  }
}

async function hashLater(file: string): Promise<string> {
  try {
    return hashOf(await readFile(file));
  } catch {
    return MISSING;
  }
}

/** Calls onChange once per burst of changes with the files whose content changed (a deleted file counts). */
export function watchFiles(
  paths: readonly string[],
  onChange: (changed: ReadonlySet<string>) => void,
  options: WatchOptions = {},
): FileWatcher {
  const debounceMs = options.debounceMs ?? 100;
  const files = [...new Set(paths.map((path) => resolve(path)))];
  // Read now, so an edit made right after watchFiles returns is seen as one.
  const hashes = new Map(files.map((file) => [file, hashNow(file)]));
  const folders = new Map<string, Set<string>>();
  for (const file of files)
    folders.set(dirname(file), (folders.get(dirname(file)) ?? new Set()).add(basename(file)));

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // Flushes run one after another, so two of them never compare against the same old hash.
  let flushing = Promise.resolve();

  // Never thrown: a throw in a watcher callback would end the process, or stop the flush chain.
  const fail = options.onError ?? ((error: Error): void => process.emitWarning(error));
  const flush = async (): Promise<void> => {
    const batch = [...pending];
    pending.clear();
    const changed = new Set<string>();
    for (const file of batch) {
      const hash = await hashLater(file);
      if (hash !== hashes.get(file)) changed.add(file);
      hashes.set(file, hash);
    }
    if (closed || changed.size === 0) return;
    try {
      onChange(changed);
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const note = (file: string): void => {
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      flushing = flushing.then(flush);
    }, debounceMs);
  };
  const watchers: FSWatcher[] = [...folders].map(([folder, names]) => {
    const watcher = watch(folder, (_event, name) => {
      if (closed) return;
      // Some platforms leave the name out: then any watched file of the folder may have changed.
      if (name === null) for (const each of names) note(resolve(folder, each));
      else if (names.has(name)) note(resolve(folder, name));
    });
    watcher.on('error', fail);
    return watcher;
  });

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
