/**
 * Which recorded connection a new client gets. Each client takes the next recorded connection no
 * client has had yet — one recorded on the client's path when the recorded paths differ and one
 * is free — so a recording of N connections serves N clients. After that they are reused in
 * turn (those recorded on the client's path first), and the note says so.
 */
import type { ReplayScript } from './script.js';

/** A recorded connection given to a client. */
export interface Assigned {
  readonly script: ReplayScript;
  /** How many clients have had it, this one included. */
  readonly uses: number;
  /** Why this one, when it is not simply the next unused one on the client's path. */
  readonly note: string | null;
}

/** The recorded connections of a replay and how often each was handed out. */
export class ConnectionPool {
  private readonly uses: number[];
  private readonly paths: string[];

  constructor(private readonly scripts: readonly ReplayScript[]) {
    this.uses = scripts.map(() => 0);
    this.paths = scripts.map((s) => pathOf(s.connection.url));
  }

  /** The one `take` would give now, without taking it (the handshake's subprotocol comes from it). */
  peek(path: string): ReplayScript {
    return this.scripts[this.choose(path).at] as ReplayScript;
  }

  /** Gives a client on `path` a recorded connection. */
  take(path: string): Assigned {
    const { at, note } = this.choose(path);
    const uses = (this.uses[at] ?? 0) + 1;
    this.uses[at] = uses;
    const count = uses > 1 ? ` (client ${uses} of it)` : '';
    return { script: this.scripts[at] as ReplayScript, uses, note: note === null ? null : `${note}${count}` };
  }

  private choose(path: string): { at: number; note: string | null } {
    const all = this.scripts.map((_, i) => i);
    const onPath = all.filter((i) => this.paths[i] === path);
    const unused = (list: number[]): number | undefined => list.find((i) => this.uses[i] === 0);
    const id = (i: number): string => `#${this.scripts[i]?.connection.id}`;
    const fresh = unused(onPath);
    if (fresh !== undefined) return { at: fresh, note: null };
    if (onPath.length > 0) {
      const at = leastUsed(onPath, this.uses);
      const what =
        onPath.length === 1 ? 'the only recorded connection' : `all ${onPath.length} recorded connections`;
      return { at, note: `${what} on ${path} already served a client: reusing ${id(at)}` };
    }
    const other = unused(all);
    if (other !== undefined)
      return {
        at: other,
        note: `no recorded connection is on ${path}: taking ${id(other)}, recorded on ${this.paths[other]}`,
      };
    const at = leastUsed(all, this.uses);
    const count =
      all.length === 1 ? 'the only recorded connection' : `all ${all.length} recorded connections`;
    return {
      at,
      note: `no recorded connection is on ${path} and ${count} already served a client: reusing ${id(at)}, recorded on ${this.paths[at]}`,
    };
  }
}

/** The first of `list` handed out least often: clients cycle through them. */
function leastUsed(list: readonly number[], uses: readonly number[]): number {
  return list.reduce((best, i) => ((uses[i] as number) < (uses[best] as number) ? i : best));
}

/** The path of a recorded URL (the whole string when it does not parse). */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
