import { watchFiles } from '../handlers/watch-files.js';
import type { BehaviourSource } from './behaviour-source.js';
import type { RunningServer } from './server.js';

/** Hot reload of a mock file or handler. */
export interface Reloading {
  /** Reloads now (the console's /reload). */
  now(): void;
  close(): void;
}

/**
 * Watches the files a behaviour came from (the mock file and the handlers it names, or a handler)
 * and swaps the server's behaviour when they change: connected clients stay and their next message
 * meets the new definition — or, with `reloadClose` (1012 Service Restart), are closed so they
 * reconnect. A broken edit keeps the last good behaviour and is reported as a refused reload.
 */
export function startReloading(
  source: BehaviourSource,
  server: RunningServer,
  files: readonly string[],
  reloadClose: number | null,
): Reloading {
  let watched = [...files].sort();
  let watcher = watchFiles(watched, (changed) => void reload([...changed]));
  let running: Promise<void> = Promise.resolve();

  const reload = (changed: readonly string[]): Promise<void> => {
    // One reload at a time, in order: a burst of saves ends with the last content applied.
    running = running.then(async () => {
      const loaded = await source.load();
      if (!loaded.ok) {
        server.report({ type: 'reload', ok: false, files: changed, message: loaded.errors.join('\n') });
        return;
      }
      server.setBehaviour(loaded.behaviour);
      const clients = server.clients().length;
      if (reloadClose !== null && clients > 0)
        server.closeAll({ code: reloadClose, reason: 'mock reloaded' });
      const what =
        reloadClose !== null
          ? `closed ${clients} client${clients === 1 ? '' : 's'} with ${reloadClose} to reconnect`
          : `applied; ${clients} connected client${clients === 1 ? '' : 's'} kept`;
      const warnings = (loaded.warnings ?? []).map((w) => `\nwarning: ${w}`).join('');
      server.report({ type: 'reload', ok: true, files: changed, message: `${what}${warnings}` });
      const next = [...loaded.files].sort();
      if (next.join('\n') !== watched.join('\n')) {
        watcher.close();
        watched = next;
        watcher = watchFiles(watched, (again) => void reload([...again]));
      }
    });
    return running;
  };

  return {
    now: () => void reload(watched),
    close: () => watcher.close(),
  };
}
