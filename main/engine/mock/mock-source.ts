/** A mock file as a reloadable behaviour source: `wstap serve --mock FILE` and the console's mock panel. */
import { handlerHooks, type HandlerHooks } from '../handlers/handler-hooks.js';
import { loadHandlerModule } from '../handlers/load-handler.js';
import type { BehaviourSource, Loaded } from '../server/behaviour-source.js';
import { formatProblem } from './definition.js';
import { loadMockFile } from './load-mock-file.js';
import { createMockBehaviour } from './mock-behaviour.js';

/** The source of the mock definition in `file` (absolute), read again on every load. */
export function mockFileSource(file: string): BehaviourSource {
  return { reloadable: true, load: () => loadMock(file) };
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
