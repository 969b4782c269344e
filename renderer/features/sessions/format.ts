/** Text of the sidebar and status bar: durations, counts, byte sizes, URLs split for emphasis. */
import type { ConnectionView } from '../../store/connections.js';

/** A duration as a short label: 450ms, 3.2s, 42s, 5m 07s, 2h 03m, 1d 04h. */
export function formatDuration(ms: number): string {
  const t = Math.max(0, ms);
  if (t < 1000) return `${Math.round(t)}ms`;
  if (t < 10_000) return `${(Math.floor(t / 100) / 10).toFixed(1)}s`;
  const s = Math.floor(t / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${pad(Math.floor(s / 60) % 60)}m`;
  return `${Math.floor(s / 86_400)}d ${pad(Math.floor(s / 3600) % 24)}h`;
}

/** How long a connection has lived: until now while it is up, its whole duration once it ended. */
export function connectionAge(
  view: ConnectionView,
  now: number,
): { readonly ms: number; readonly ended: boolean } {
  return view.closed !== null
    ? { ms: view.closed.duration, ended: true }
    : { ms: Math.max(0, now - view.wallStart), ended: false };
}

/** A URL split into where it goes (scheme, host, port) and what it asks for (path, query). */
export function splitUrl(url: string): { readonly base: string; readonly path: string } {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(url);
  return match === null ? { base: url, path: '' } : { base: match[1]!, path: match[2]! };
}

/** The URL to show for a connection: a server's accepted connection shows the path it was asked for. */
export function displayUrl(view: ConnectionView): string {
  if (view.role !== 'server' || view.request === null) return view.url;
  const target = /^\S+\s+(\S+)/.exec(view.request.requestLine)?.[1];
  return target?.startsWith('/') ? `${splitUrl(view.url).base}${target}` : view.url;
}

/** A count with thousands separators (1,234,567). */
export function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A byte size: 512 B, 1.5 KiB, 3.2 MiB, 1.1 GiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
