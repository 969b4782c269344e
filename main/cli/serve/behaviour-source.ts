import { createHandlerBehaviour } from '../../engine/handlers/handler-hooks.js';
import { loadHandlerModule } from '../../engine/handlers/load-handler.js';
import type { Behaviour } from '../../engine/server/behaviour.js';
import { broadcastBehaviour, echoBehaviour } from '../../engine/server/builtin-behaviours.js';
import { UserError } from '../errors.js';
import type { ServePlan } from './serve-plan.js';

/** A behaviour loaded (or reloaded) from what the plan names. */
export type Loaded =
  | { readonly ok: true; readonly behaviour: Behaviour; readonly files: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[]; readonly files: readonly string[] };

/** Where the server's behaviour comes from, and how to load it again after an edit. */
export interface BehaviourSource {
  /** Loads it; for a mock file or handler, again on every call (hot reload). */
  load(): Promise<Loaded>;
  /** Whether edits can change it (a mock file or a handler). */
  readonly reloadable: boolean;
}

/** The source `wstap serve`'s flags choose. */
export function behaviourSource(plan: ServePlan): BehaviourSource {
  const mode = plan.mode;
  switch (mode.kind) {
    case 'echo':
      return fixed(echoBehaviour({ subprotocols: plan.subprotocols }));
    case 'broadcast':
      return fixed(
        broadcastBehaviour({
          subprotocols: plan.subprotocols,
          roomParam: mode.roomParam ?? undefined,
          excludeSelf: mode.excludeSelf,
        }),
      );
    case 'handler':
      return {
        reloadable: true,
        async load() {
          const loaded = await loadHandlerModule(mode.file);
          if (!loaded.ok) return { ok: false, errors: [loaded.error], files: loaded.files };
          return {
            ok: true,
            behaviour: createHandlerBehaviour(mode.file, { module: loaded.module }),
            files: loaded.files,
          };
        },
      };
    case 'mock':
      throw new UserError('--mock: mock files are being wired in; use --handler for now');
  }
}

function fixed(behaviour: Behaviour): BehaviourSource {
  return { reloadable: false, load: () => Promise.resolve({ ok: true, behaviour, files: [] }) };
}
