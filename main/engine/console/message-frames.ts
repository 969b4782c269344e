import type { Direction } from '../../../shared/model/events.js';

/** The frames seen so far of the message in progress on one (connection, direction). */
interface Open {
  readonly message: number;
  readonly ids: number[];
}

/**
 * Collects the frame ids of each message as its frames go by (a frame event carries its message
 * number; the message event comes after its frames, docs/engine.md), so a message row can name its
 * frames. Holds only the message in progress per direction.
 */
export class MessageFrames {
  private readonly open = new Map<number, Open>();

  /** Notes a frame; control frames (message null) and frames the store dropped (id -1) are skipped. */
  frame(conn: number, dir: Direction, message: number | null, id: number): void {
    if (message === null || id < 0) return;
    const key = keyOf(conn, dir);
    let entry = this.open.get(key);
    if (entry === undefined || entry.message !== message) {
      entry = { message, ids: [] };
      this.open.set(key, entry);
    }
    entry.ids.push(id);
  }

  /** The frame ids of message `message` of (conn, dir), forgotten once taken. */
  take(conn: number, dir: Direction, message: number): readonly number[] {
    const key = keyOf(conn, dir);
    const entry = this.open.get(key);
    if (entry === undefined || entry.message !== message) return [];
    this.open.delete(key);
    return entry.ids;
  }

  /** Forgets a connection that ended (an unfinished message leaves its entry behind). */
  forget(conn: number): void {
    this.open.delete(keyOf(conn, 'in'));
    this.open.delete(keyOf(conn, 'out'));
  }
}

const keyOf = (conn: number, dir: Direction): number => conn * 2 + (dir === 'in' ? 1 : 0);
