import { describe, expect, it } from 'vitest';
import { parseWebRequest, parseWebServerMessage } from './web-protocol.js';

describe('parseWebRequest', () => {
  it('reads a request; a missing input is null', () => {
    expect(parseWebRequest('{"id":3,"channel":"app.info"}')).toEqual({
      ok: true,
      request: { id: 3, channel: 'app.info', input: null },
    });
  });

  it('says what is wrong, with the id when it could be read', () => {
    expect(parseWebRequest('{')).toEqual({ ok: false, id: null, error: 'the request is not JSON' });
    expect(parseWebRequest('[1]')).toMatchObject({ ok: false, id: null });
    expect(parseWebRequest('{"id":-1,"channel":"a"}')).toMatchObject({ ok: false, id: null });
    expect(parseWebRequest('{"id":1.5,"channel":"a"}')).toMatchObject({ ok: false, id: null });
    expect(parseWebRequest('{"id":2,"channel":null}')).toEqual({
      ok: false,
      id: 2,
      error: 'channel: expected a string',
    });
  });
});

describe('parseWebServerMessage', () => {
  it('reads replies, batches and lag reports', () => {
    expect(parseWebServerMessage('{"id":1,"result":{"ok":true,"value":null}}')).toEqual({
      id: 1,
      result: { ok: true, value: null },
    });
    expect(
      parseWebServerMessage('{"id":null,"result":{"ok":false,"error":{"code":"BAD_INPUT","message":"m"}}}'),
    ).toMatchObject({
      id: null,
    });
    expect(parseWebServerMessage('{"batch":{"rows":{},"events":[]}}')).toMatchObject({
      batch: { events: [] },
    });
    expect(parseWebServerMessage('{"lagged":{"batches":1,"rows":2,"events":0}}')).toMatchObject({
      lagged: { rows: 2 },
    });
  });

  it('is null for anything else', () => {
    for (const text of [
      'x',
      'null',
      '{}',
      '{"id":1,"result":{}}',
      '{"id":"1","result":{"ok":true}}',
      '{"batch":[]}',
    ]) {
      expect(parseWebServerMessage(text), text).toBeNull();
    }
  });
});
