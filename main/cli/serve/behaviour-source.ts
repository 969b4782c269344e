import { createHandlerBehaviour } from '../../engine/handlers/handler-hooks.js';
import { loadHandlerModule } from '../../engine/handlers/load-handler.js';
import { mockFileSource } from '../../engine/mock/mock-source.js';
import { loadReplay } from '../../engine/replay-server/replay-source.js';
import { fixedSource, type BehaviourSource } from '../../engine/server/behaviour-source.js';
import { broadcastBehaviour, echoBehaviour } from '../../engine/server/builtin-behaviours.js';
import type { ServePlan } from './serve-plan.js';

export type { BehaviourSource, Loaded } from '../../engine/server/behaviour-source.js';

/** The source `wstap serve`'s flags choose. */
export function behaviourSource(plan: ServePlan): BehaviourSource {
  const mode = plan.mode;
  switch (mode.kind) {
    case 'echo':
      return fixedSource(echoBehaviour({ subprotocols: plan.subprotocols }));
    case 'broadcast':
      return fixedSource(
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
      return mockFileSource(mode.file);
    case 'replay':
      return { reloadable: false, load: () => loadReplay(mode) };
  }
}
