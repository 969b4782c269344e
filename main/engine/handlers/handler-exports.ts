/**
 * Checking what a handler module exports: named hooks, or a default export object carrying them
 * (CommonJS `module.exports = { onMessage }` arrives as either, depending on how Node saw it).
 */
import { HOOK_NAMES, type HandlerModule } from './handler-types.js';

type Checked =
  { readonly ok: true; readonly module: HandlerModule } | { readonly ok: false; readonly error: string };

const EXAMPLE = 'export function onMessage(ctx, msg) { ctx.send(msg.text); }';

function isObjectLike(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  const type = Array.isArray(value) ? 'array' : typeof value;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** The hooks of a loaded module, or what is wrong with its exports and how to fix it. */
export function handlerExports(exports: unknown, file: string): Checked {
  const candidates = [exports, isObjectLike(exports) ? exports['default'] : undefined].filter(isObjectLike);
  const source = candidates.find((candidate) => HOOK_NAMES.some((name) => candidate[name] !== undefined));
  if (source === undefined && isObjectLike(exports) && typeof exports['default'] === 'function') {
    const error = `${file}: the default export is a function; export the hooks by name (${EXAMPLE}) or a default object ({ onMessage(ctx, msg) {…} })`;
    return { ok: false, error };
  }
  if (source === undefined) {
    const found = [...new Set(candidates.flatMap((candidate) => Object.keys(candidate)))].filter(
      (name) => name !== 'default',
    );
    const seen = found.length > 0 ? `it exports ${found.join(', ')}` : 'it exports nothing';
    return {
      ok: false,
      error: `${file}: no hook exported (${seen}); export at least one of ${HOOK_NAMES.join(', ')} (names are case-sensitive), e.g. ${EXAMPLE}`,
    };
  }
  for (const name of HOOK_NAMES) {
    const hook = source[name];
    if (hook !== undefined && typeof hook !== 'function') {
      return { ok: false, error: `${file}: ${name} must be a function, but it is ${typeName(hook)}` };
    }
  }
  const subprotocols =
    source['subprotocols'] ?? (isObjectLike(exports) ? exports['subprotocols'] : undefined);
  if (
    subprotocols !== undefined &&
    !(Array.isArray(subprotocols) && subprotocols.every((p) => typeof p === 'string'))
  ) {
    return {
      ok: false,
      error: `${file}: subprotocols must be an array of strings, e.g. export const subprotocols = ['chat.v1'], but it is ${typeName(subprotocols)}`,
    };
  }
  // Bound to where they came from, so a default export object's methods keep their `this`.
  const hook = <T>(name: (typeof HOOK_NAMES)[number]): T | undefined => {
    const value = source[name];
    return typeof value === 'function' ? (value.bind(source) as T) : undefined;
  };
  const module: HandlerModule = {
    onConnect: hook('onConnect'),
    onMessage: hook('onMessage'),
    onClose: hook('onClose'),
    handshake: hook('handshake'),
    subprotocols: subprotocols as readonly string[] | undefined,
  };
  return { ok: true, module };
}
