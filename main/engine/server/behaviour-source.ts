/**
 * Where a server's behaviour comes from, and how to load it again after an edit: what `wstap
 * serve` and the desktop console's mock panel share, so hot reload (reloading.ts) works the same
 * for both.
 */
import type { Behaviour } from './behaviour.js';

/** A behaviour loaded (or reloaded), or the errors that kept it from loading. */
export type Loaded =
  | {
      readonly ok: true;
      readonly behaviour: Behaviour;
      /** The files it came from (watched for hot reload). */
      readonly files: readonly string[];
      readonly warnings?: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly string[]; readonly files: readonly string[] };

/** Loads a behaviour; for a mock file or handler, afresh on every call. */
export interface BehaviourSource {
  load(): Promise<Loaded>;
  /** Whether edits can change it (a mock file or a handler). */
  readonly reloadable: boolean;
}

/** A source that always answers with `behaviour` (echo, broadcast). */
export function fixedSource(behaviour: Behaviour): BehaviourSource {
  return { reloadable: false, load: () => Promise.resolve({ ok: true, behaviour, files: [] }) };
}
