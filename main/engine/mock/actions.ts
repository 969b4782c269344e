/**
 * Runs action lists on one connection. Actions run in order; `delay` pauses the rest of the list
 * through port.setTimeout (so a close clears it), `every` and `after` start timers and go on at
 * once. A failing action is reported as MOCK_ACTION_FAILED and the list goes on; a closed (or
 * released) connection stops every list at its next step.
 */
import type { Outgoing } from '../client/client-options.js';
import type { SendOptions } from '../client/send.js';
import type { ServerPort } from '../server/behaviour.js';
import type { MessageSpec, MockAction, SendSpec } from './definition.js';
import { describeAction } from './describe-actions.js';
import { renderJson, renderTemplate, type TemplateScope } from './templates.js';

/** Timers and pauses of one connection, so they can all stop at once. */
export class ConnectionTimers {
  private readonly stops = new Set<() => void>();
  private stopped = false;

  constructor(private readonly port: ServerPort) {}

  /** True once the connection closed or the behaviour was released. */
  get isStopped(): boolean {
    return this.stopped || !this.port.isOpen();
  }

  /** Resolves true after `ms`, or false as soon as the connection stops. */
  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.isStopped) return resolve(false);
      this.track(
        'timeout',
        ms,
        () => resolve(true),
        () => resolve(false),
      );
    });
  }

  /** Calls `tick` every `ms`, `times` times at most (null: until the connection stops). */
  every(ms: number, times: number | null, tick: () => void): void {
    let count = 0;
    const stop = this.track('interval', ms, () => {
      if (times !== null && ++count >= times) stop();
      tick();
    });
  }

  /** Calls `fn` once after `ms` unless the connection stops first. */
  after(ms: number, fn: () => void): void {
    this.track('timeout', ms, fn);
  }

  /** Starts a port timer and keeps its stop until it fired (a timeout) or was stopped; `onStop` runs when stopped first. */
  private track(
    kind: 'timeout' | 'interval',
    ms: number,
    onFire: () => void,
    onStop: () => void = () => undefined,
  ): () => void {
    const stop = (): void => {
      if (!this.stops.delete(stop)) return;
      clear();
      onStop();
    };
    const fire = (): void => {
      if (kind === 'timeout') this.stops.delete(stop);
      onFire();
    };
    const clear = kind === 'timeout' ? this.port.setTimeout(fire, ms) : this.port.setInterval(fire, ms);
    this.stops.add(stop);
    return stop;
  }

  /** Stops every timer and pause (close, or the behaviour released on reload). */
  stopAll(): void {
    this.stopped = true;
    for (const stop of [...this.stops]) stop();
  }
}

/** Runs `actions` in order with `scope`; never rejects. */
export async function runActions(
  actions: readonly MockAction[],
  port: ServerPort,
  timers: ConnectionTimers,
  scope: TemplateScope,
): Promise<void> {
  for (const action of actions) {
    if (timers.isStopped) return;
    if (action.unless !== null && Boolean(port.state.get(action.unless))) continue;
    try {
      const goOn = await runAction(action, port, timers, scope);
      if (!goOn) return;
    } catch (error) {
      port.error('MOCK_ACTION_FAILED', `${describeAction(action)}: ${(error as Error).message}`);
    }
  }
}

/** Runs one action; false: stop the list (a delay cut short by close). */
async function runAction(
  action: MockAction,
  port: ServerPort,
  timers: ConnectionTimers,
  scope: TemplateScope,
): Promise<boolean> {
  switch (action.kind) {
    case 'reply': {
      const message = renderMessage(action.message, scope);
      if (message === null)
        port.log(
          'reply {same: true} has no message to answer here (on connect or in a timer): nothing sent',
          'warn',
        );
      else await port.send(message, sendOptions(action));
      return true;
    }
    case 'broadcast': {
      const message = renderMessage(action.message, scope);
      if (message === null) {
        port.log(
          'broadcast {same: true} has no message to pass on here (on connect or in a timer): nothing sent',
          'warn',
        );
        return true;
      }
      const options = { ...sendOptions(action), exceptSelf: action.exceptSelf };
      const rooms = action.room === null ? [...port.rooms] : [renderTemplate(action.room, scope)];
      if (rooms.length === 0) await port.broadcast(null, message, options);
      for (const room of rooms) await port.broadcast(room, message, options);
      return true;
    }
    case 'delay':
      return action.ms === 0 || (await timers.sleep(action.ms));
    case 'close':
      port.close({
        ...(action.code === null ? {} : { code: action.code }),
        ...(action.reason === null ? {} : { reason: renderTemplate(action.reason, scope) }),
        force: action.force,
      });
      return true;
    case 'drop':
      port.drop();
      return true;
    case 'pongs':
      port.setAutoPong(action.on);
      return true;
    case 'ping':
      if (action.data === null) port.ping();
      else port.ping(renderTemplate(action.data, scope));
      return true;
    case 'raw':
      await port.sendRaw(action.frames);
      return true;
    case 'every':
      timers.every(action.ms, action.times, () => void runActions(action.then, port, timers, scope));
      return true;
    case 'after':
      timers.after(action.ms, () => void runActions(action.then, port, timers, scope));
      return true;
    case 'set':
      for (const [key, value] of action.values) port.state.set(key, renderJson(value, scope));
      return true;
    case 'join':
    case 'leave': {
      const room = renderTemplate(action.room, scope);
      if (room === '')
        port.log(`${action.kind}: the room name renders empty (${action.room.source}); skipped`, 'warn');
      else if (action.kind === 'join') port.join(room);
      else port.leave(room);
      return true;
    }
    case 'log':
      port.log(renderTemplate(action.message, scope), action.level);
      return true;
  }
}

/** The message to send, templates rendered; null for `same` with no message being answered. */
function renderMessage(message: MessageSpec, scope: TemplateScope): Outgoing | null {
  switch (message.kind) {
    case 'same':
      if (scope.message === null) return null;
      // Text as its bytes: what came goes back unchanged, without a decode and an encode.
      return { kind: scope.message.type === 'text' ? 'utf8' : 'binary', bytes: scope.message.bytes };
    case 'text':
      return { kind: 'text', text: renderTemplate(message.template, scope) };
    case 'json':
      return { kind: 'json', value: renderJson(message.value, scope) };
    case 'binary':
      return { kind: 'binary', bytes: message.bytes };
  }
}

function sendOptions(spec: SendSpec): SendOptions {
  return {
    ...(spec.fragments === null ? {} : { fragments: spec.fragments }),
    ...(spec.compress === null ? {} : { compress: spec.compress }),
  };
}
