import {
  createHandlerBehaviour,
  handlerHooks,
  type HandlerHooks,
} from '../../engine/handlers/handler-hooks.js';
import { formatProblem } from '../../engine/mock/definition.js';
import { loadMockFile } from '../../engine/mock/load-mock-file.js';
import { createMockBehaviour } from '../../engine/mock/mock-behaviour.js';
import { loadHandlerModule } from '../../engine/handlers/load-handler.js';
import { loadReplay } from './replay-source.js';
import type { Behaviour } from '../../engine/server/behaviour.js';
import { broadcastBehaviour, echoBehaviour } from '../../engine/server/builtin-behaviours.js';
import type { ServePlan } from './serve-plan.js';

/** A behaviour loaded (or reloaded) from what the plan names. */
export type Loaded =
  | {
      readonly ok: true;
      readonly behaviour: Behaviour;
      readonly files: readonly string[];
      readonly warnings?: readonly string[];
    }
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
      return { reloadable: true, load: () => loadMock(mode.file) };
    case 'replay':
      return { reloadable: false, load: () => loadReplay(mode) };
  }
}

function fixed(behaviour: Behaviour): BehaviourSource {
  return { reloadable: false, load: () => Promise.resolve({ ok: true, behaviour, files: [] }) };
}

/** A mock file and the handler modules its routes name, each loaded afresh. */
async function loadMock(file: string): Promise<Loaded> {
  const loaded = await loadMockFile(file);
  const warnings = loaded.warnings.map(formatProblem);
  if (!loaded.ok)
    return { ok: false, errors: [...loaded.errors.map(formatProblem), ...warnings], files: loaded.files };
  const files = new Set(loaded.files);
  const hooks = new Map<string, HandlerHooks>();
  const errors: string[] = [];
  for (const route of loaded.definition.routes) {
    if (route.handler === null || hooks.has(route.handler)) continue;
    const handler = await loadHandlerModule(route.handler);
    handler.files.forEach((f) => files.add(f));
    if (handler.ok) hooks.set(route.handler, handlerHooks(handler.module, route.handler));
    else errors.push(handler.error);
  }
  if (errors.length > 0) return { ok: false, errors, files: [...files] };
  const behaviour = createMockBehaviour(loaded.definition, {
    handlerFor: (route) => (route.handler === null ? null : (hooks.get(route.handler) ?? null)),
  });
  return { ok: true, behaviour, files: [...files], warnings };
}
