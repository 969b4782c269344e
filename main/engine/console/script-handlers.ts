/** The `script.*` handlers of the console service (shared/ipc/script-commands.ts). */
import { join } from 'node:path';
import type { CommandHandlers } from '../../../shared/ipc/contract.js';
import type { ScriptCommands } from '../../../shared/ipc/script-commands.js';
import type { Engine } from '../engine.js';
import { handle } from './console-error.js';
import { scriptCompletions } from './script-completions.js';
import { absolutePath, listScripts, readScript, writeScript } from './script-folder.js';
import { ScriptRuns } from './script-runs.js';

/**
 * The script editor's commands: files in a folder (default `<dataDir>/scripts`) and runs of the
 * engine's script host. The runs' listener lives as long as the engine (disposed with it).
 */
export function scriptHandlers(
  engine: Pick<Engine, 'runScript' | 'subscribe'>,
  dataDir: string,
): Pick<CommandHandlers, keyof ScriptCommands> {
  const runs = new ScriptRuns(engine);
  const defaultDir = join(dataDir, 'scripts');
  return {
    'script.list': handle('script.list', ({ dir }) =>
      dir === undefined ? listScripts(defaultDir, true) : listScripts(dir),
    ),
    'script.read': handle('script.read', ({ path }) => readScript(path)),
    'script.write': handle('script.write', ({ path, text }) => writeScript(path, text)),
    'script.run': handle('script.run', async ({ path, args, timeout, expectTimeout }) => {
      // Refused here with a clear code, before a worker starts for nothing.
      const { path: file } = await readScript(absolutePath(path));
      return runs.start({ file, args, timeout, expectTimeout });
    }),
    'script.stop': handle('script.stop', ({ run }) => {
      runs.stop(run);
      return null;
    }),
    'script.runs': handle('script.runs', () => runs.list()),
    'script.output': handle('script.output', ({ run, from }) => runs.output(run, from)),
    'script.completions': handle('script.completions', () => scriptCompletions()),
  };
}
