import type { Engine } from '../engine/engine.js';
import type { ActiveRecording } from '../engine/session-recorder.js';
import { UserError } from './errors.js';

/** Starts the engine's recording into `path`, or says why it cannot (connect, serve, proxy `--record`). */
export async function startRecordingOrExplain(engine: Engine, path: string): Promise<ActiveRecording> {
  try {
    return await engine.startRecording(path);
  } catch (error) {
    // The recorder wraps the file system's error: its errno (ENOENT, EACCES) says it best.
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
    throw new UserError(`cannot write the recording ${path}: ${cause?.code ?? (error as Error).message}`);
  }
}
