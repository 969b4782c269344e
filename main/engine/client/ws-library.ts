import WsWebSocket from 'ws';

// The one place the engine takes ws's WebSocket class from. The CLI runs as a single bundle
// (scripts/bundle-cli.mjs) with ws inside it, so how ws is imported costs nothing at start-up.

/** ws's WebSocket class. */
export const WebSocket = WsWebSocket;

/** A ws WebSocket. */
export type WebSocket = WsWebSocket;
