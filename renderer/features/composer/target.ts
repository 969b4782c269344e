/**
 * Which session the composer sends on: the selected connection's client session while it is open;
 * otherwise a hint that says why nothing can be sent (and where to look instead).
 */
import type { Connections } from '../../store/connections.js';

/** The session to act on, or why there is none. */
export type ComposerTarget =
  | { readonly ok: true; readonly session: number; readonly conn: number; readonly compressible: boolean }
  | { readonly ok: false; readonly hint: string };

/** Resolves the composer's target from the selection. */
export function composerTarget(connections: Connections, selected: number | null): ComposerTarget {
  if (selected === null)
    return { ok: false, hint: 'Select a client connection in the sidebar to send on it.' };
  const view = connections[selected];
  if (view === undefined) return { ok: false, hint: `Connection ${selected} is not known (yet).` };
  if (view.session === null) {
    return {
      ok: false,
      hint: `Connection ${selected} is a ${view.role === 'server' ? 'server-side' : 'proxied'} connection: the composer sends on client sessions.`,
    };
  }
  if (view.state !== 'open') {
    const newer = Object.values(connections).find(
      (c) => c.session === view.session && c.conn > view.conn && c.state === 'open',
    );
    const where = newer ? ` Its session reconnected: select connection ${newer.conn}.` : '';
    return { ok: false, hint: `Connection ${selected} is ${view.state}: nothing can be sent.${where}` };
  }
  const extensions = view.open?.extensions ?? '';
  return {
    ok: true,
    session: view.session,
    conn: view.conn,
    compressible: /permessage-deflate/i.test(extensions),
  };
}
