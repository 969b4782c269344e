/** Test data: a Chrome-style HAR of one connection to `url` sending `slow 1..count`, `gapS` seconds apart, each echoed. */
export function slowHar(url: string, count: number, gapS: number): unknown {
  const t0 = Date.parse('2026-03-01T10:00:00.000Z') / 1000;
  const messages = Array.from({ length: count }, (_, i) => [
    { type: 'send', time: t0 + i * gapS, opcode: 1, data: `slow ${i + 1}` },
    { type: 'receive', time: t0 + i * gapS + 0.01, opcode: 1, data: `slow ${i + 1}` },
  ]).flat();
  const entry = {
    _resourceType: 'websocket',
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [] },
    response: { status: 101, statusText: 'Switching Protocols', httpVersion: 'HTTP/1.1', headers: [] },
    startedDateTime: '2026-03-01T10:00:00.000Z',
    time: 0,
    timings: { send: 0, wait: 0, receive: 0 },
    _webSocketMessages: messages,
  };
  return { log: { version: '1.2', creator: { name: 'WebInspector', version: '1' }, entries: [entry] } };
}
