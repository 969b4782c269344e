/**
 * Runs a k6 script in a Node `vm` sandbox that offers exactly the documented k6 API the exporter
 * may use, and nothing else: `k6` (check), `k6/websockets` (WebSocket, over npm `ws` for real),
 * `k6/timers`, `k6/encoding`, and the globals `__ENV`, `__VU`, `__ITER`, `console`. An import
 * of another module or name, an unknown global, or a WebSocket property or method k6 does not
 * document throws, which fails the run. Sources: grafana/k6-docs javascript-api/k6-websockets
 * (WebSocket: close([code]), send(data), addEventListener, on* handlers, binaryType, readyState),
 * k6-timers, k6-encoding (b64decode(input, [encoding], [format]) → ArrayBuffer).
 */
import vm from 'node:vm';
import ts from 'typescript';
import WebSocketClient from 'ws';

/** The documented exports the exporter may import, per module ('default' = a default import). */
export const DOCUMENTED_K6: Readonly<Record<string, readonly string[]>> = {
  k6: ['check', 'group', 'sleep', 'fail'],
  'k6/websockets': ['WebSocket'],
  'k6/timers': ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
  'k6/encoding': ['default', 'b64encode', 'b64decode'],
};

const SOCKET_MEMBERS = new Set([
  'readyState',
  'url',
  'bufferedAmount',
  'binaryType',
  'onmessage',
  'onerror',
  'onopen',
  'onclose',
  'onping',
  'onpong',
  'close',
  'ping',
  'send',
  'addEventListener',
  'CONNECTING',
  'OPEN',
  'CLOSING',
  'CLOSED',
]);
const EVENTS = new Set(['open', 'message', 'error', 'close', 'ping', 'pong']);

/** What a sandboxed iteration did. */
export interface K6Run {
  readonly options: unknown;
  readonly checks: readonly { readonly name: string; readonly pass: boolean }[];
  /** URLs the script opened, in order. */
  readonly opened: readonly string[];
}

/** Every import of the script, as `module: name` ('default' for a default import). */
export function k6Imports(source: string): string[] {
  const file = ts.createSourceFile('script.js', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const found: string[] = [];
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const from = (statement.moduleSpecifier as ts.StringLiteral).text;
    const clause = statement.importClause;
    if (clause?.name) found.push(`${from}: default`);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings))
      for (const e of bindings.elements) found.push(`${from}: ${(e.propertyName ?? e.name).text}`);
    if (bindings && ts.isNamespaceImport(bindings)) found.push(`${from}: *`);
  }
  return found;
}

/** Runs one iteration (the default export) and resolves once no socket or timer is left, like k6's event loop. */
export async function runK6Iteration(
  source: string,
  env: Record<string, string> = {},
  limitMs = 20_000,
): Promise<K6Run> {
  for (const used of k6Imports(source)) {
    const [from, name] = used.split(': ') as [string, string];
    if (!DOCUMENTED_K6[from]?.includes(name)) throw new Error(`undocumented k6 import: ${used}`);
  }
  const checks: { name: string; pass: boolean }[] = [];
  const opened: string[] = [];
  const pending = new Set<unknown>();
  let settle: () => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const idle = new Promise<void>((resolve, reject) => {
    settle = () => (pending.size === 0 ? resolve() : undefined);
    fail = reject;
  });
  // What the script does in a callback runs on k6's loop: an exception there fails the run.
  const guard =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (error) {
        fail(error);
      }
    };
  const hold = (token: unknown): void => void pending.add(token);
  const release = (token: unknown): void => {
    pending.delete(token);
    setImmediate(settle);
  };
  const timers = {
    setTimeout: (fn: () => void, ms = 0) => {
      const token: { timer?: NodeJS.Timeout } = {};
      hold(token);
      token.timer = setTimeout(() => (guard(fn)(), release(token)), ms);
      return token;
    },
    clearTimeout: (token: { timer?: NodeJS.Timeout }) => (clearTimeout(token.timer), release(token)),
  };
  const modules: Record<string, unknown> = {
    k6: {
      __esModule: true,
      check(value: unknown, sets: Record<string, unknown>) {
        let all = true;
        for (const [name, test] of Object.entries(sets)) {
          const pass = Boolean(typeof test === 'function' ? (test as (v: unknown) => unknown)(value) : test);
          checks.push({ name, pass });
          all &&= pass;
        }
        return all;
      },
    },
    'k6/timers': { __esModule: true, ...timers },
    'k6/encoding': { __esModule: true, b64encode, b64decode, default: { b64encode, b64decode } },
    'k6/websockets': { __esModule: true, WebSocket: fakeWebSocket({ hold, release, guard }, opened) },
  };
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const context = vm.createContext({ __ENV: env, __VU: 1, __ITER: 0, console });
  const exports: Record<string, unknown> = {};
  const require = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`undocumented module: ${name}`);
    return modules[name];
  };
  const run = vm.runInContext(`(function (exports, require) {${js}\n})`, context) as (
    e: object,
    r: typeof require,
  ) => void;
  run(exports, require);
  hold(run);
  (exports.default as () => void)();
  release(run);
  let limit: NodeJS.Timeout | undefined;
  const over = new Promise<never>((_r, reject) => {
    limit = setTimeout(() => reject(new Error(`the iteration did not end within ${limitMs} ms`)), limitMs);
  });
  await Promise.race([idle, over]).finally(() => clearTimeout(limit));
  return { options: exports.options, checks, opened };
}

function b64encode(input: string | ArrayBuffer, encoding = 'std'): string {
  if (encoding !== 'std') throw new Error(`the exporter uses the std encoding only, got ${encoding}`);
  return (typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input)).toString('base64');
}

function b64decode(input: string, encoding = 'std', format?: string): ArrayBuffer | string {
  if (encoding !== 'std') throw new Error(`the exporter uses the std encoding only, got ${encoding}`);
  const bytes = Buffer.from(input, 'base64');
  if (format === 's') return bytes.toString('utf8');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
}

type Listener = (event: object) => void;

/** k6's WebSocket over a real `ws` client; anything k6 does not document throws. */
interface Loop {
  hold(token: unknown): void;
  release(token: unknown): void;
  guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
}

function fakeWebSocket({ hold, release, guard }: Loop, opened: string[]) {
  return class {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    constructor(url: string, protocols?: unknown, params?: object) {
      if (protocols !== undefined && protocols !== null) throw new Error('k6: protocols are not implemented');
      void params;
      opened.push(url);
      const socket = new WebSocketClient(url);
      hold(socket);
      const listeners = new Map<string, Listener[]>();
      const state: Record<string, unknown> = {
        binaryType: 'blob',
        url,
        CONNECTING: 0,
        OPEN: 1,
        CLOSING: 2,
        CLOSED: 3,
      };
      const emit = guard((type: string, fields: Record<string, unknown> = {}): void => {
        const event = strict({ type, ...fields }, `${type} event`);
        const handler = state[`on${type}`];
        if (typeof handler === 'function') (handler as Listener)(event);
        for (const listener of listeners.get(type) ?? []) listener(event);
      });
      socket.on('open', () => emit('open'));
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        if (!isBinary) return emit('message', { data: data.toString('utf8') });
        if (state.binaryType !== 'arraybuffer') return emit('message', { data: strict({}, 'Blob') });
        emit('message', { data: data.buffer.slice(data.byteOffset, data.byteOffset + data.length) });
      });
      socket.on('ping', () => emit('ping'));
      socket.on('pong', () => emit('pong'));
      socket.on('error', () => emit('error'));
      socket.on('close', () => (emit('close'), release(socket)));
      const methods: Record<string, unknown> = {
        send(data: unknown) {
          if (typeof data === 'string') socket.send(data);
          else if (data instanceof ArrayBuffer) socket.send(Buffer.from(data));
          else if (ArrayBuffer.isView(data))
            socket.send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
          else throw new Error('k6 send takes string, ArrayBuffer, ArrayBufferView or Blob');
        },
        close(...args: unknown[]) {
          if (args.length > 1)
            throw new Error('k6 documents WebSocket.close([code]) only: no reason argument');
          socket.close(args[0] as number | undefined);
        },
        ping() {
          socket.ping();
        },
        addEventListener(type: string, listener: Listener) {
          if (!EVENTS.has(type)) throw new Error(`k6 WebSocket has no '${type}' event`);
          listeners.set(type, [...(listeners.get(type) ?? []), listener]);
        },
      };
      return new Proxy(
        {},
        {
          get(_t, key) {
            if (typeof key !== 'string' || !SOCKET_MEMBERS.has(key))
              throw new Error(`undocumented k6 WebSocket member: ${String(key)}`);
            if (key === 'readyState') return socket.readyState;
            if (key === 'bufferedAmount') return socket.bufferedAmount;
            return key in methods ? methods[key] : state[key];
          },
          set(_t, key, value) {
            if (typeof key !== 'string' || !SOCKET_MEMBERS.has(key) || key in methods || key === 'readyState')
              throw new Error(`cannot set k6 WebSocket member: ${String(key)}`);
            if (key === 'binaryType' && value !== 'blob' && value !== 'arraybuffer')
              throw new Error(`binaryType is "blob" or "arraybuffer", not ${String(value)}`);
            state[key] = value;
            return true;
          },
        },
      );
    }
  };
}

/** An object whose unknown properties throw when read (events carry only what k6 documents). */
function strict<T extends object>(target: T, what: string): T {
  return new Proxy(target, {
    get(t, key) {
      if (typeof key === 'string' && !(key in t))
        throw new Error(`undocumented property of a k6 ${what}: ${key}`);
      return Reflect.get(t, key);
    },
  });
}
