/**
 * A conversation as a wstap mock definition (docs/mock-format.md, docs/exports.md): one route per
 * recorded path, one rule per request pattern with the server's answers (ids copied with
 * templates), the pushes before the first request as onConnect, the server's Close. YAML with
 * comments naming the source, meant to be edited and served with `wstap serve --mock FILE`.
 */
import type { Conversation, ConversationConnection } from '../conversation.js';
import { exportPlan, oneLine, pathAndQuery, type ExportOptions } from './export-options.js';
import { yamlValue } from './mock-actions.js';
import { routeModel, type RouteModel } from './mock-rules.js';
import { volatilePaths } from './volatile-fields.js';

/** The mock definition (YAML) answering like the server of the selected connections. */
export function toMockDefinition(conversation: Conversation, options: ExportOptions): string {
  const { connections, ignore, speed, header } = exportPlan(conversation, options);
  const byPath = new Map<string, ConversationConnection[]>();
  for (const c of connections) {
    const path = routePath(pathAndQuery(c.url).replace(/\?.*$/, ''));
    byPath.set(path, [...(byPath.get(path) ?? []), c]);
  }
  const file = options.output?.split(/[\\/]/).pop() ?? 'recording.mock.yaml';
  const lines = [
    ...header.map((l) => `# ${l}`),
    '#',
    `# A mock server that answers like the recorded one: wstap serve --mock ${oneLine(file)}`,
    '# One rule per request the client sent, with what the server did; edit it freely (docs/mock-format.md).',
    'routes:',
  ];
  for (const [path, list] of byPath)
    lines.push(...routeYaml(routeModel(path, list, volatilePaths(list, ignore), speed)));
  return `${lines.join('\n')}\n`;
}

/**
 * The route path for a recorded path: its segments decoded (routes compare decoded segments).
 * A segment a route path cannot say literally (`:x`, `*`, or a `/` inside) makes the route `*`.
 */
function routePath(path: string): string {
  const segments = path.slice(1).split('/').map(decode);
  const literal = segments.every((s) => !s.startsWith(':') && s !== '*' && !s.includes('/'));
  return literal ? `/${segments.join('/')}` : '*';
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function routeYaml(route: RouteModel): string[] {
  const lines = [`  - path: ${yamlValue(route.path)}`, ...route.comments.map((c) => `    # ${oneLine(c)}`)];
  if (route.onConnect.length > 0) lines.push('    onConnect:', ...actionLines(route.onConnect, 6));
  if (route.rules.length > 0) {
    lines.push('    rules:');
    for (const rule of route.rules) {
      lines.push(`      - name: ${yamlValue(rule.name)}`);
      if (rule.comment !== null) lines.push(`        # ${oneLine(rule.comment)}`);
      lines.push(`        match: ${rule.match}`);
      if (rule.when !== null) lines.push(`        when: ${rule.when}`);
      lines.push(`        then:`, ...actionLines(rule.then, 10));
    }
  }
  if (route.fallback !== null) lines.push('    fallback:', ...actionLines(route.fallback, 6));
  return lines;
}

function actionLines(actions: readonly string[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  // A rule that sent nothing still needs an action: a log line says so in the timeline.
  if (actions.length === 0) return [`${pad}- log: "the recorded server sent nothing here"`];
  return actions.map((a) => `${pad}- ${a}`);
}
