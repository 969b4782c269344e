/** Route paths: `/chat` (exact), `/rooms/:room` (a named segment), `/files/*` (the rest), `*` (any). */
import type { PathPattern, PathSegment } from './definition.js';

/** Parses a route path; the error says what a route path looks like. */
export function parsePathPattern(source: string | undefined): PathPattern | { readonly error: string } {
  if (source === undefined || source.trim() === '*') return { source: '*', segments: null };
  if (!source.startsWith('/'))
    return {
      error: `a route path starts with / (e.g. /chat or /rooms/:room), or is * for any path; got '${source}'`,
    };
  const raw = source.slice(1).split('/');
  const segments: PathSegment[] = [];
  for (const [i, text] of raw.entries()) {
    if (text === '*') {
      if (i !== raw.length - 1)
        return {
          error: `'*' stands only at the end of a route path (it takes the rest of the path): '${source}'`,
        };
      segments.push({ kind: 'rest' });
    } else if (text.startsWith(':')) {
      const name = text.slice(1);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        return { error: `':${name}' in '${source}': a parameter is ':' and a name of letters, digits and _` };
      if (segments.some((s) => s.kind === 'param' && s.name === name))
        return { error: `parameter ':${name}' appears twice in '${source}'` };
      segments.push({ kind: 'param', name });
    } else {
      segments.push({ kind: 'literal', text });
    }
  }
  return { source, segments };
}

/** The parameters when `path` (no query) matches, else null. `*` is params['*']. */
export function matchPath(pattern: PathPattern, path: string): Record<string, string> | null {
  if (pattern.segments === null) return {};
  const parts = path.startsWith('/') ? path.slice(1).split('/') : [path];
  const params: Record<string, string> = {};
  for (const [i, segment] of pattern.segments.entries()) {
    if (segment.kind === 'rest') {
      params['*'] = decode(parts.slice(i).join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.kind === 'literal' && decode(part) !== segment.text) return null;
    if (segment.kind === 'param') {
      if (part === '') return null;
      params[segment.name] = decode(part);
    }
  }
  return parts.length === pattern.segments.length ? params : null;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
