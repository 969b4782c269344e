import type { SessionEvent } from '../../shared/model/events.js';
import { RECORDING_FORMAT, RECORDING_VERSION, type RecordedConnection } from '../../shared/record/types.js';
import type { Clock } from './clock.js';
import type { RecordingSink } from './engine-sink.js';
import { openRecordingWriter, type RecordingWriter } from './recording/recording-writer.js';
import { VERSION } from './version.js';

/** A recording in progress: stop it to flush and close the file. */
export interface ActiveRecording {
  readonly path: string;
  /** Resolves when everything so far is on disk. */
  flush(): Promise<void>;
  /** Stops recording, writes what is left and closes the file; rejects with a write failure. */
  stop(): Promise<void>;
  /** Called once if writing fails and the recording stops by itself (what was written stays readable). */
  onFailure(listener: (message: string) => void): void;
}

/**
 * Opens a recording file for an engine: the header lists the connections open now, and the writer
 * becomes the engine's recording sink. A write failure stops the recording and is reported as an
 * `error` event (RECORDING_FAILED) — never swallowed — while what was written stays readable.
 */
export async function openSessionRecording(
  path: string,
  clock: Clock,
  connections: readonly RecordedConnection[],
  attach: (sink: RecordingSink) => () => void,
  report: (message: string) => void,
): Promise<ActiveRecording> {
  const writer: RecordingWriter = await openRecordingWriter(path, {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    tool: `wstap ${VERSION}`,
    startedAt: new Date(clock.anchor).toISOString(),
    anchor: clock.anchor,
    connections,
  });
  let detachSink: (() => void) | null = null;
  const detach = (): void => {
    detachSink?.();
    detachSink = null;
  };
  const failed: ((message: string) => void)[] = [];
  writer.onError((error) => {
    detach();
    const message = `recording ${path} stopped: ${error.message}`;
    report(message);
    for (const listener of failed) listener(message);
  });
  detachSink = attach({
    setup: (setup) => void writer.setup(setup),
    wire: (chunk) => void writer.wire(chunk),
    event: (event: SessionEvent) => void writer.event(event),
    messageRefs: (refs) => void writer.messageRefs(refs),
    backlog: () => writer.backlog(),
  });
  return {
    path,
    flush: () => writer.flush(),
    async stop() {
      detach();
      await writer.close();
    },
    onFailure: (listener) => void failed.push(listener),
  };
}
