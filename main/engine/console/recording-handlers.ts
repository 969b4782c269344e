/**
 * The recordings workflow's commands (shared/ipc/recording-commands.ts): record every connection,
 * or single sessions, to files, list the recordings folder, open a file (or a dropped one) into the inspector, export
 * to HAR / k6 / Playwright, replay against a URL with a report, serve a file as a mock.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, extname, join, basename } from 'node:path';
import type { CommandHandlers } from '../../../shared/ipc/contract.js';
import type {
  ExportFormat,
  ExportResult,
  RecordingCommands,
} from '../../../shared/ipc/recording-commands.js';
import { ExportError } from '../../../shared/interchange/export/export-options.js';
import { toK6Script } from '../../../shared/interchange/export/k6.js';
import { toPlaywrightFixture } from '../../../shared/interchange/export/playwright.js';
import { harText, toHar } from '../../../shared/interchange/har/har-write.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import { loadInterchange } from '../interchange/load-interchange.js';
import { VERSION } from '../version.js';
import { ConsoleError, handle } from './console-error.js';
import type { EventBatcher } from './event-batcher.js';
import type { MessageStore } from './message-store.js';
import { openIntoConsole } from './recording-open.js';
import { RecordingControl, Uploads } from './recording-files.js';
import { RecordingReplays } from './recording-replays.js';
import type { RowRouter } from './row-router.js';

/** What the recordings workflow works with: the console's engine, row router and stores. */
export interface RecordingDeps {
  readonly engine: Engine;
  readonly router: RowRouter;
  readonly messages: MessageStore;
  readonly batcher: EventBatcher;
  readonly dataDir: string;
}

const EXTENSIONS: { readonly [F in ExportFormat]: string } = {
  har: '.har',
  k6: '.k6.js',
  playwright: '.spec.ts',
};

/** The default file of an export: beside the source, its name with the format's extension. */
export function defaultExportPath(source: string, format: ExportFormat): string {
  const base = basename(source, extname(source));
  return join(dirname(source), `${base}${EXTENSIONS[format]}`);
}

/** Writes `path`'s conversation in `format` to `output` (beside it by default). */
export async function exportFile(
  path: string,
  format: ExportFormat,
  output = defaultExportPath(path, format),
): Promise<ExportResult> {
  if (output === path) throw new ConsoleError('RECORDING_FILE', `the export would overwrite ${path}`);
  const read = await loadInterchange(path, { recordingText: format === 'har' });
  const { conversation } = read;
  const options = { source: path, output };
  let text: string;
  try {
    text =
      format === 'har'
        ? harText(toHar(conversation, { tool: `wstap ${VERSION}`, recording: read.recording }))
        : format === 'k6'
          ? toK6Script(conversation, options)
          : toPlaywrightFixture(conversation, options);
  } catch (error) {
    if (error instanceof ExportError) throw new EngineError(error.code, error.message);
    throw error;
  }
  try {
    await writeFile(output, text);
  } catch (error) {
    throw new ConsoleError('RECORDING_FILE', `cannot write ${output}: ${(error as Error).message}`);
  }
  return {
    output,
    format,
    connections: conversation.connections.length,
    messages: conversation.connections.reduce((sum, c) => sum + c.messages.length, 0),
    warnings: conversation.warnings ?? [],
  };
}

/** The handlers of the recordings workflow, and `dispose` for the console to call before the engine's. */
export function recordingHandlers(deps: RecordingDeps): {
  readonly handlers: Pick<CommandHandlers, keyof RecordingCommands>;
  dispose(): Promise<void>;
} {
  const control = new RecordingControl(deps.engine, deps.dataDir, (active) =>
    deps.batcher.recordingsChanged(active),
  );
  const uploads = new Uploads();
  const replays = new RecordingReplays(deps.engine, (tick) => deps.batcher.replayTick(tick));
  const target = { engine: deps.engine, router: deps.router, messages: deps.messages, batcher: deps.batcher };
  // The recording's last lines are written, replays stopped and dropped files removed.
  const dispose = async (): Promise<void> => {
    replays.dispose();
    await control.dispose().catch(() => undefined);
    await uploads.dispose();
  };
  const handlers: Pick<CommandHandlers, keyof RecordingCommands> = {
    'recording.status': handle('recording.status', () => control.status()),
    'recording.start': handle('recording.start', ({ path, sessions, conns }) =>
      control.start(path, { sessions, conns }),
    ),
    'recording.stop': handle('recording.stop', ({ recording }) => control.stop(recording)),
    'recording.list': handle('recording.list', () => control.list()),
    'recording.open': handle('recording.open', ({ path }) => openIntoConsole(path, target)),
    'recording.uploadBegin': handle('recording.uploadBegin', async ({ name, bytes }) => ({
      upload: await uploads.begin(name, bytes),
    })),
    'recording.uploadChunk': handle('recording.uploadChunk', async ({ upload, base64 }) => ({
      received: await uploads.chunk(upload, base64),
    })),
    'recording.uploadEnd': handle('recording.uploadEnd', ({ upload }) => ({ path: uploads.end(upload) })),
    'recording.export': handle('recording.export', async ({ path, format, output }) => {
      await control.flush(path);
      return exportFile(path, format, output);
    }),
    'recording.replay': handle('recording.replay', (input) => replays.start(input)),
    'recording.replayStatus': handle('recording.replayStatus', ({ replay }) => replays.status(replay)),
    'recording.replayCancel': handle('recording.replayCancel', ({ replay }) => {
      replays.cancel(replay);
      return null;
    }),
    'recording.serve': handle('recording.serve', (input) => replays.serve(input)),
    'recording.stopServe': handle('recording.stopServe', async ({ url }) => {
      await replays.stopServe(url);
      return null;
    }),
  };
  return { handlers, dispose };
}
