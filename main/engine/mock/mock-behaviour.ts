/**
 * A mock definition as a server Behaviour (main/engine/server/behaviour.ts). Per connection it
 * keeps only what it can rebuild from the port — the route and its parameters come from the
 * upgrade path — so after a hot reload the new behaviour takes over open connections at their
 * next message. What the user sets (`set:`) lives in port.state, which the server keeps.
 */
import { basename } from 'node:path';
import type { Behaviour, IncomingMessage, ServerPort } from '../server/behaviour.js';
import { ConnectionTimers, runActions } from './actions.js';
import type { MockAction, MockDefinition, MockRoute } from './definition.js';
import { describeActions } from './describe-actions.js';
import { decideHandshake, selectRoute } from './handshake.js';
import { lazyJson, matchMessage, whenHolds, type MatchResult } from './matchers.js';
import { renderTemplate, type TemplateScope } from './templates.js';

/**
 * A route's JS/TS handler module as the handler loader returns it (main/engine/handlers'
 * handlerHooks() fits); every hook may be async, a missing one does nothing.
 */
export interface HandlerHooks {
  onConnect?(port: ServerPort): void | Promise<void>;
  /** Called for messages no rule matched (instead of the route's fallback). */
  onMessage?(port: ServerPort, message: IncomingMessage): void | Promise<void>;
  onClose?(port: ServerPort, code: number, reason: string): void | Promise<void>;
}

/** What a mock behaviour needs from its host. */
export interface MockBehaviourDeps {
  /** The loaded handler module of a route whose `handler` is set (null: none could be loaded). */
  readonly handlerFor?: (route: MockRoute) => HandlerHooks | null | Promise<HandlerHooks | null>;
  /** Wall clock for {{now}} and {{ts}} (default Date.now). */
  readonly now?: () => number;
  /** The behaviour's name (default `mock <file name>`). */
  readonly name?: string;
}

/** Per-connection runtime: rebuilt from the port when missing (after a reload). */
interface Connection {
  readonly route: MockRoute;
  readonly params: Readonly<Record<string, string>>;
  readonly timers: ConnectionTimers;
  /** Template expressions already reported as empty on this connection. */
  readonly noted: Set<string>;
}

/** The Behaviour that runs `definition`. */
export function createMockBehaviour(definition: MockDefinition, deps: MockBehaviourDeps = {}): Behaviour {
  const now = deps.now ?? Date.now;
  const connections = new WeakMap<ServerPort, Connection | null>();
  const live = new Set<Connection>();
  const handlers = new Map<MockRoute, Promise<HandlerHooks | null>>();

  const connectionOf = (port: ServerPort): Connection | null => {
    if (connections.has(port)) return connections.get(port) ?? null;
    const selected = selectRoute(definition, port.upgrade.path);
    if (selected === null)
      port.log(`no route of this mock takes ${port.upgrade.path}: messages are not answered`, 'warn');
    const connection = selected && {
      ...selected,
      timers: new ConnectionTimers(port),
      noted: new Set<string>(),
    };
    connections.set(port, connection);
    if (connection) live.add(connection);
    return connection;
  };

  const scopeOf = (
    port: ServerPort,
    connection: Connection,
    message: IncomingMessage | null,
    match: MatchResult | null,
  ): TemplateScope => ({
    port,
    params: connection.params,
    message,
    json: message === null ? () => undefined : lazyJson(message),
    groups: match?.groups ?? null,
    now,
    onMissing: (expr, why) => {
      if (connection.noted.has(expr.source)) return;
      connection.noted.add(expr.source);
      port.log(`template {{${expr.source}}} renders empty: ${why}`, 'warn');
    },
  });

  const handlerOf = async (port: ServerPort, route: MockRoute): Promise<HandlerHooks | null> => {
    if (route.handler === null || deps.handlerFor === undefined) return null;
    let loading = handlers.get(route);
    if (loading === undefined) {
      loading = Promise.resolve()
        .then(() => deps.handlerFor?.(route) ?? null)
        .catch((error: unknown) => {
          port.error('HANDLER_FAILED', `${route.handler}: ${(error as Error).message}`);
          return null;
        });
      handlers.set(route, loading);
    }
    return loading;
  };

  const callHandler = async (
    port: ServerPort,
    route: MockRoute,
    call: () => void | Promise<void>,
  ): Promise<void> => {
    try {
      await call();
    } catch (error) {
      // Hooks from the handler loader report their own failures with file:line; this catches the rest.
      port.error(
        'HANDLER_FAILED',
        `${route.handler}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const run = (
    port: ServerPort,
    connection: Connection,
    rule: string,
    index: number | null,
    actions: readonly MockAction[],
    scope: TemplateScope,
  ): Promise<void> => {
    port.matched({ route: connection.route.path.source, rule, index, actions: describeActions(actions) });
    return runActions(actions, port, connection.timers, scope);
  };

  return {
    name: deps.name ?? `mock ${basename(definition.file)}`,

    handshake: (upgrade) => decideHandshake(definition, upgrade),

    async open(port) {
      const connection = connectionOf(port);
      if (connection === null) return;
      const { route } = connection;
      const scope = scopeOf(port, connection, null, null);
      if (route.room !== null) {
        const room = renderTemplate(route.room, scope);
        if (room === '') port.log(`the room renders empty (${route.room.source}): not joined`, 'warn');
        else port.join(room);
      }
      if (route.heartbeat !== null) {
        const { interval, timeout, misses } = route.heartbeat;
        port.heartbeat({ interval, timeout, ...(misses === null ? {} : { misses }) });
      }
      if (route.onConnect.length > 0) await run(port, connection, 'on-connect', null, route.onConnect, scope);
      const handler = await handlerOf(port, route);
      const onConnect = handler?.onConnect;
      if (onConnect && !connection.timers.isStopped)
        await callHandler(port, route, () => onConnect.call(handler, port));
    },

    async message(port, message) {
      const connection = connectionOf(port);
      if (connection === null) return;
      const { route } = connection;
      const json = lazyJson(message);
      for (const [index, rule] of route.rules.entries()) {
        if (!whenHolds(rule.when, port.state)) continue;
        const match = matchMessage(rule.match, message, json);
        if (match === null) continue;
        const scope = { ...scopeOf(port, connection, message, match), json };
        return run(port, connection, rule.name ?? `rules[${index}]`, index, rule.then, scope);
      }
      const handler = await handlerOf(port, route);
      const onMessage = handler?.onMessage;
      if (onMessage) {
        port.matched({
          route: route.path.source,
          rule: 'handler',
          index: null,
          actions: ['handler onMessage'],
        });
        return callHandler(port, route, () => onMessage.call(handler, port, message));
      }
      if (route.fallback !== null)
        return run(port, connection, 'fallback', null, route.fallback, {
          ...scopeOf(port, connection, message, null),
          json,
        });
      port.log(`no rule matched message #${message.index}`, 'info');
    },

    async closed(port, code, reason) {
      const connection = connections.get(port);
      if (connection) {
        connection.timers.stopAll();
        live.delete(connection);
      }
      connections.delete(port);
      const route = connection?.route ?? selectRoute(definition, port.upgrade.path)?.route;
      if (route === undefined) return;
      const handler = await handlerOf(port, route);
      const onClose = handler?.onClose;
      if (onClose) await callHandler(port, route, () => onClose.call(handler, port, code, reason));
    },

    dispose() {
      // The new definition takes over: this one's timers and pauses must not act any more.
      for (const connection of live) connection.timers.stopAll();
      live.clear();
    },
  };
}
