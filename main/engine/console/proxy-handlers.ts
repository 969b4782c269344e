/**
 * The proxy panel's commands: reverse proxies the console starts (`wstap proxy` in the window),
 * interventions on their relayed connections, and message rules that change while they run. A
 * relayed connection is an ordinary engine connection: its frames are inspector rows already.
 */
import type { Input } from '../../../shared/ipc/contract.js';
import type {
  ProxyCommands,
  ProxyInfo,
  ProxyRuleInfo,
  ProxySide,
} from '../../../shared/ipc/proxy-commands.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import type { Injected } from '../proxy/interventions.js';
import { LiveRules } from '../proxy/live-rules.js';
import type { ProxyConnection } from '../proxy/proxy-connection.js';
import type { RunningProxy } from '../proxy/proxy.js';
import { ConsoleError, handle } from './console-error.js';
import { base64Bytes } from './engine-inputs.js';
import { ClosedList, closedRelayed } from './proxy-handlers-closed.js';

const DEFAULT_MAX_HELD = 16 * 1024 * 1024;

interface Entry {
  readonly id: number;
  readonly proxy: RunningProxy;
  readonly live: LiveRules;
  readonly maxHeld: number;
  readonly closed: ClosedList;
}

/** The proxies the console started, by id. */
export class ProxyRegistry {
  private readonly running = new Map<number, Entry>();
  private lastId = 0;
  /** Connections the panel closed a side of or cut, until they end (their closer is wstap). */
  private readonly endedByWstap = new Set<number>();

  constructor(private readonly engine: Engine) {
    engine.subscribe(
      (event) => {
        if (event.type !== 'closed') return;
        const byWstap = this.endedByWstap.delete(event.conn);
        // A proxy lets a connection go just after its `closed` event (events are published
        // synchronously), so the connection is still listed by its proxy here.
        for (const entry of this.running.values())
          if (entry.proxy.connections().includes(event.conn))
            return entry.closed.add(closedRelayed(event, byWstap));
      },
      { frames: false },
    );
  }

  /** Starts a proxy on 127.0.0.1 (a free port unless told); throws EngineError INVALID_URL, LISTEN_FAILED. */
  async start(input: Input<'proxy.start'>): Promise<ProxyInfo> {
    const live = new LiveRules();
    const maxHeld = input.maxHeld ?? DEFAULT_MAX_HELD;
    const proxy = await this.engine.proxy({
      target: input.target,
      host: input.host,
      port: input.port,
      edits: { set: input.setHeaders ?? [], remove: input.removeHeaders ?? [] },
      tls: { insecure: input.insecure === true },
      maxHeld,
      live,
    });
    const entry: Entry = { id: ++this.lastId, proxy, live, maxHeld, closed: new ClosedList() };
    this.running.set(entry.id, entry);
    return infoOf(entry);
  }

  /** Stops a proxy (its connections are cut); throws UNKNOWN_PROXY. */
  async stop(id: number): Promise<void> {
    const entry = this.entry(id);
    this.running.delete(id);
    await entry.proxy.stop();
  }

  /** Every proxy, oldest first, with its live connections and rules. */
  list(): ProxyInfo[] {
    return [...this.running.values()].map(infoOf);
  }

  /** A relayed connection of any of the proxies; throws EngineError UNKNOWN_CONNECTION. */
  connection(conn: number): ProxyConnection {
    for (const { proxy } of this.running.values())
      if (proxy.connections().includes(conn)) return proxy.connection(conn);
    throw new EngineError('UNKNOWN_CONNECTION', `no connection #${conn} through a proxy of this console`);
  }

  /** Closes one side of a relayed connection with a code (the panel's intervention). */
  closeSide(conn: number, side: ProxySide, code: number, reason: string): void {
    this.connection(conn).closeSide(side, code, reason);
    this.endedByWstap.add(conn);
  }

  /** Resets both TCP connections of a relayed connection. */
  cut(conn: number): void {
    this.connection(conn).cut();
    this.endedByWstap.add(conn);
  }

  addRule(id: number, rule: Input<'proxy.addRule'>['rule']): ProxyRuleInfo {
    return this.entry(id).live.add({
      toward: rule.toward,
      match: rule.match ?? null,
      latencyMs: rule.latencyMs ?? 0,
      jitterMs: rule.jitterMs ?? 0,
      dropRate: rule.dropRate ?? 0,
    });
  }

  removeRule(id: number, rule: number): void {
    if (!this.entry(id).live.remove(rule))
      throw new ConsoleError('UNKNOWN_RULE', `proxy ${id} has no rule #${rule}`);
  }

  private entry(id: number): Entry {
    const entry = this.running.get(id);
    if (entry === undefined) throw new ConsoleError('UNKNOWN_PROXY', `no proxy ${id} in this console`);
    return entry;
  }
}

function infoOf({ id, proxy, live, maxHeld, closed }: Entry): ProxyInfo {
  const connections = proxy.connections().map((conn) => {
    const c = proxy.connection(conn);
    const held = c.held();
    return { conn, open: c.open, extended: c.extended, heldToApp: held.toApp, heldToTarget: held.toTarget };
  });
  return {
    id,
    url: proxy.url,
    port: proxy.port,
    target: proxy.target,
    maxHeld,
    connections,
    closed: closed.list(),
    closedDropped: closed.dropped,
    rules: live.list(),
  };
}

function injected(message: Input<'proxy.inject'>['message']): Injected {
  switch (message.kind) {
    case 'text':
      return { kind: 'text', text: message.text };
    case 'binary':
      return { kind: 'binary', bytes: base64Bytes(message.base64, 'input.message.base64') };
    case 'ping':
      return { kind: 'ping', data: message.text };
  }
}

type Handlers = { readonly [C in keyof ProxyCommands]: ReturnType<typeof handle<C>> };

/** The handlers of the proxy channels. */
export function proxyHandlers(proxies: ProxyRegistry): Handlers {
  return {
    'proxy.start': handle('proxy.start', (input) => proxies.start(input)),
    'proxy.stop': handle('proxy.stop', async ({ proxy }) => {
      await proxies.stop(proxy);
      return null;
    }),
    'proxy.list': handle('proxy.list', () => proxies.list()),
    'proxy.inject': handle('proxy.inject', ({ conn, to, message }) => {
      proxies.connection(conn).inject(to, injected(message));
      return null;
    }),
    'proxy.close': handle('proxy.close', ({ conn, side, code, reason }) => {
      proxies.closeSide(conn, side, code, reason ?? '');
      return null;
    }),
    'proxy.cut': handle('proxy.cut', ({ conn }) => {
      proxies.cut(conn);
      return null;
    }),
    'proxy.hold': handle('proxy.hold', ({ conn, to }) => {
      proxies.connection(conn).hold(to);
      return null;
    }),
    'proxy.release': handle('proxy.release', ({ conn, to }) => ({
      bytes: proxies.connection(conn).release(to),
    })),
    'proxy.addRule': handle('proxy.addRule', ({ proxy, rule }) => proxies.addRule(proxy, rule)),
    'proxy.removeRule': handle('proxy.removeRule', ({ proxy, rule }) => {
      proxies.removeRule(proxy, rule);
      return null;
    }),
  };
}
