/**
 * Every error code the engine reports (in `error` events and in EngineError), with what it means.
 * Stable: scripts and the UI match on them.
 */
export const ERROR_CODES = {
  INVALID_URL: 'the URL is not a ws:// or wss:// URL',
  INVALID_OPTION: 'an option has a value that cannot work',
  FILE_UNREADABLE: 'a file the options name (CA, certificate, key) cannot be read',
  UNKNOWN_SESSION: 'no session has that id',
  NOT_OPEN: 'the connection is not open, so nothing can be sent',
  CLOSE_CODE_NOT_ALLOWED: 'that close code may not be sent in a Close frame (RFC 6455 §7.4); force sends it anyway',
  CONTROL_PAYLOAD_TOO_LONG: 'ping, pong and close payloads are at most 125 bytes (RFC 6455 §5.5)',
  BAD_FRAGMENTS: 'fragment sizes must be whole numbers adding up to the message size',
  CONNECT_FAILED: 'the TCP connection could not be made',
  TLS_FAILED: 'the TLS handshake failed (certificate not trusted, expired, wrong host, ...)',
  PROXY_FAILED: 'the HTTP proxy refused or failed the CONNECT tunnel',
  HANDSHAKE_REFUSED: 'the server answered the upgrade with something else than 101',
  HANDSHAKE_TIMEOUT: 'no 101 arrived in time',
  HANDSHAKE_INVALID: 'the 101 response was invalid (accept key, subprotocol, extensions)',
  PROTOCOL_ERROR: 'the peer broke the WebSocket protocol and the connection was failed',
  SOCKET_ERROR: 'the socket failed (reset, timeout, ...)',
  SEND_FAILED: 'a message could not be written',
  HEARTBEAT_TIMEOUT: 'the peer stopped answering pings',
  RECONNECT_GAVE_UP: 'reconnecting stopped after the configured number of attempts',
  RECORDING_FAILED: 'the recording file could not be written; the session goes on unrecorded',
  UNKNOWN_FRAME: 'no stored frame has that id',
  PAYLOAD_DROPPED: 'the frame store reached its spill cap before this payload: its bytes were not kept',
  PAYLOAD_UNAVAILABLE: 'the payload bytes are not in the spill file',
  PAYLOAD_TOO_LARGE: 'the payload is larger than a fetch may return',
  SPILL_WRITE_FAILED: 'the frame store could not write its spill file; later payloads are lost',
  STORE_CLOSED: 'the frame store is closed',
  LISTEN_FAILED: 'the server could not listen on that host and port (in use, no permission, bad address)',
  UNKNOWN_CONNECTION: 'no open server connection has that id',
  HANDSHAKE_BAD_REQUEST: 'a client sent something that is not a WebSocket upgrade request; the server answered 400, 426 or 431',
  MESSAGE_TOO_BIG: 'a client message exceeded the size or fragment limit; the server closed with 1009',
  HANDLER_FAILED: 'a handler module threw or rejected; the server goes on (the message names the file and line)',
  MOCK_ACTION_FAILED: 'an action of a mock rule could not be carried out; the server goes on',
  MOCK_INVALID: 'the mock definition file does not parse or does not validate',
  RELOAD_FAILED: 'an edited mock definition or handler was refused; the last good version stays',
  IMPORT_FAILED: 'the file is not a recording, HAR or flow file wstap reads, or a line or field of it is wrong (the message names it)',
  TAP_FAILED: 'wstap failed to decode what crossed the wire (a bug: please report it)',
} as const;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;
