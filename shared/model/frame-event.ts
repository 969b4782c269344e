import type { Frame } from '../protocol/frame.js';
import { writeFrameJson } from '../protocol/frame-json.js';
import type { Direction, FrameEvent } from './events.js';

/** Where and when a frame was seen: the fields a frame event adds to the decoded frame. */
export interface FrameStamp {
  readonly conn: number;
  readonly seq: number;
  readonly t: number;
  readonly wall: number;
  readonly dir: Direction;
  readonly id: number;
}

/**
 * The one way a decoded frame becomes an event: the live tap and the recording reader both call
 * this, so a frame read back from a recording is the same value the live run emitted.
 */
export function toFrameEvent(stamp: FrameStamp, frame: Frame): FrameEvent {
  const event: Record<string, unknown> = {
    type: 'frame',
    conn: stamp.conn,
    seq: stamp.seq,
    t: stamp.t,
    wall: stamp.wall,
    dir: stamp.dir,
    id: stamp.id,
  };
  writeFrameJson(frame, event);
  return event as unknown as FrameEvent;
}
