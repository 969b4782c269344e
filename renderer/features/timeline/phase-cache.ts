/**
 * A connection's phase events survive the store's per-connection event cap (a long-lived
 * connection's pings push its dns/tcp/tls events out): they are remembered here once seen with
 * the connection's `connecting` event still in its list. Request and response the store keeps.
 */
import type { ConnectionView } from '../../store/connections.js';
import { phaseEvents, type PhaseEvents } from './phases.js';

const MAX_ENTRIES = 10_000;
const cache = new Map<number, { readonly startT: number; readonly events: PhaseEvents }>();

/** The phase events of `view`, from its events or from what was remembered of them. */
export function phaseEventsOf(view: ConnectionView): PhaseEvents {
  const hit = cache.get(view.conn);
  const complete = view.events[0]?.type === 'connecting';
  const fresh = complete || hit === undefined || hit.startT !== view.startT ? phaseEvents(view.events) : hit.events;
  const events: PhaseEvents = { ...fresh, request: view.request ?? fresh.request, response: view.response ?? fresh.response };
  if (complete && (view.open !== null || view.closed !== null)) {
    if (cache.size >= MAX_ENTRIES && !cache.has(view.conn)) cache.clear();
    cache.set(view.conn, { startT: view.startT, events });
  }
  return events;
}
