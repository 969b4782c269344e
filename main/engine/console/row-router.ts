import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import type { FrameEvent, MessageEvent, SessionEvent } from '../../../shared/model/events.js';
import type { EventBatcher } from './event-batcher.js';
import { IdColumn } from './id-column.js';
import { MessageFrames } from './message-frames.js';
import type { MessageStore } from './message-store.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import { frameFlags, framePreview, messageFlags, messagePayload, messagePreview } from './row-fields.js';

/**
 * The engine listener of the console: each `frame` event becomes a frame row, each `message`
 * event a message row (its payload spilled to the MessageStore, which gives its id), everything
 * else goes into the batch's events as it is. A frame the store dropped (id -1) still gets a row,
 * with id -1, as does a message over the message cap: the live view goes on, only the detail is gone.
 */
export class RowRouter {
  /** Each frame's number in its direction (FrameJson.index), by frame id: the frame store keeps no such column. */
  readonly frameIndex = new IdColumn(Int32Array, -1);
  private readonly messageFrames = new MessageFrames();
  /** Messages that are one frame row (WHOLE_MESSAGE): counted, not stored twice. */
  wholeMessages = 0;

  /**
   * `maxFrames` is the frame store's cap: the engine numbers every frame, kept or not (recordings
   * rely on that), so ids from the cap on name frames the store dropped, and their rows get -1.
   */
  constructor(
    private readonly batcher: EventBatcher,
    private readonly messages: MessageStore,
    private readonly maxFrames: number,
  ) {}

  /** Takes one engine event. */
  readonly listener = (event: SessionEvent): void => {
    if (event.type === 'frame') return this.frame(event);
    if (event.type === 'message') return this.message(event);
    if (event.type === 'closed') this.messageFrames.forget(event.conn);
    this.batcher.event(event);
  };

  private frame(event: FrameEvent): void {
    const id = event.id < this.maxFrames ? event.id : -1;
    if (id >= 0) this.frameIndex.set(id, event.index);
    this.messageFrames.frame(event.conn, event.dir, event.message, id);
    const { preview, binary } = framePreview(event);
    this.batcher.row(
      id,
      event.conn,
      event.t,
      frameFlags(event) |
        (binary ? ROW_FLAG.BINARY_PREVIEW : 0) |
        (isWholeMessage(event) ? ROW_FLAG.WHOLE_MESSAGE : 0),
      event.payloadLength,
      event.message ?? -1,
      preview,
    );
  }

  private message(event: MessageEvent): void {
    const frameIds = this.messageFrames.take(event.conn, event.dir, event.index);
    // Its frame row already stands for it (WHOLE_MESSAGE), with the same payload: no second row,
    // unless the message has violations of its own to show.
    if (event.frameCount === 1 && !event.compressed && event.violations.length === 0) {
      this.wholeMessages++;
      return;
    }
    this.messageRow(event, frameIds);
  }

  /** A message row of its own, its payload spilled (also for a message no frame row stands for: an opened HAR). */
  messageRow(event: MessageEvent, frameIds: readonly number[]): void {
    const payload = messagePayload(event);
    const id = this.messages.add(event, payload?.bytes ?? null, frameIds);
    this.batcher.row(
      id,
      event.conn,
      event.t,
      messageFlags(event, payload),
      event.size,
      event.frameCount,
      messagePreview(payload),
    );
  }
}

/** A data frame that is a whole uncompressed message by itself. */
function isWholeMessage(event: FrameEvent): boolean {
  return event.fin && !event.compressed && (event.opcode === OPCODE.TEXT || event.opcode === OPCODE.BINARY);
}
