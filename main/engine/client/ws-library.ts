import { createRequire } from 'node:module';
import type WsWebSocket from 'ws';

// ws is CommonJS. Imported as ESM, its wrapper (ws/wrapper.mjs) imports eight of its files one by
// one, and Node runs its CommonJS export lexer over each: ~13 ms more than require() before the
// first connection (bench/startup, Node 20). The engine loads it with require; the class is the
// same object either way.
const require = createRequire(import.meta.url);

/** ws's WebSocket class, loaded with require() (see above). */
export const WebSocket = require('ws') as typeof WsWebSocket;

/** A ws WebSocket. */
export type WebSocket = WsWebSocket;
