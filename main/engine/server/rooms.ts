/** Room membership of a server's connections: who is in which room, both ways. */
export class Rooms {
  private readonly members = new Map<string, Set<number>>();
  private readonly byConn = new Map<number, Set<string>>();

  /** Adds `conn` to `room`; returns the member count after, or null when it was already in. */
  join(conn: number, room: string): number | null {
    const rooms = this.roomsOf(conn, true);
    if (rooms.has(room)) return null;
    rooms.add(room);
    let members = this.members.get(room);
    if (!members) this.members.set(room, (members = new Set()));
    members.add(conn);
    return members.size;
  }

  /** Removes `conn` from `room`; returns the member count after, or null when it was not in. */
  leave(conn: number, room: string): number | null {
    const rooms = this.byConn.get(conn);
    if (!rooms?.delete(room)) return null;
    const members = this.members.get(room);
    members?.delete(conn);
    const left = members?.size ?? 0;
    if (left === 0) this.members.delete(room);
    if (rooms.size === 0) this.byConn.delete(conn);
    return left;
  }

  /** The rooms `conn` is in (a live view when `create`, else a copy-safe empty set). */
  roomsOf(conn: number, create = false): Set<string> {
    let rooms = this.byConn.get(conn);
    if (!rooms) {
      rooms = new Set();
      if (create) this.byConn.set(conn, rooms);
    }
    return rooms;
  }

  /** Connection ids in `room`. */
  membersOf(room: string): readonly number[] {
    return [...(this.members.get(room) ?? [])];
  }

  /** Every room with its member count, by name. */
  list(): { room: string; members: number }[] {
    return [...this.members]
      .map(([room, members]) => ({ room, members: members.size }))
      .sort((a, b) => a.room.localeCompare(b.room));
  }
}
