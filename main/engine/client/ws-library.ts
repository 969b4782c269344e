import WsWebSocket, { WebSocketServer as WsWebSocketServer } from 'ws';

// The one place the engine takes ws's classes from. The CLI runs as a single bundle
// (scripts/bundle-cli.mjs) with ws inside it, so how ws is imported costs nothing at start-up.

/** ws's WebSocket class. */
export const WebSocket = WsWebSocket;

/** A ws WebSocket. */
export type WebSocket = WsWebSocket;

/** ws's server class (used without its HTTP server: wstap parses upgrade requests itself). */
export const WebSocketServer = WsWebSocketServer;

/** A ws WebSocketServer. */
export type WebSocketServer = WsWebSocketServer;
