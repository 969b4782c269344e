import { describe, expect, it } from 'vitest';
import { decideHandshake } from './handshake.js';
import { mockFrom, upgradeFor } from './mock-behaviour.test-util.js';

const definition = mockFrom(`
routes:
  - path: /chat
    handshake:
      require:
        - header: authorization
          matches: "^Bearer [a-z]+$"
        - query: room
        - cookie: session
          equals: s1
          status: 403
          body: forbidden, sorry
      origins: [http://localhost:*, https://app.example]
      subprotocol: [chat.v2, chat.v1]
      delay: 250ms
      headers: { X-Mock: chat }
  - path: /strict
    handshake:
      subprotocol: json
      subprotocolRequired: true
  - path: /basic
    handshake:
      require: [{ header: authorization, equals: "Basic YTpi", body: { code: 40101 } }]
  - path: /rooms/:room
`);

const ok = { headers: { authorization: 'Bearer abc' }, cookies: { session: 's1' } };

describe('decideHandshake', () => {
  it('refuses a path no route takes with 404 and the routes that exist', () => {
    expect(decideHandshake(definition, upgradeFor('/nope'))).toEqual({
      accept: false,
      status: 404,
      headers: [['Content-Type', 'application/json']],
      body: JSON.stringify({
        error: 'no route for /nope',
        routes: ['/chat', '/strict', '/basic', '/rooms/:room'],
      }),
      note: 'no route for /nope (routes: /chat, /strict, /basic, /rooms/:room)',
    });
  });

  it('accepts with the first offered subprotocol it speaks, its headers and its delay', () => {
    const decision = decideHandshake(
      definition,
      upgradeFor('/chat?room=a', {
        ...ok,
        subprotocols: ['chat.v1', 'chat.v2'],
        origin: 'http://localhost:5173',
      }),
    );
    expect(decision).toEqual({
      accept: true,
      subprotocol: 'chat.v1',
      headers: [['X-Mock', 'chat']],
      delayMs: 250,
      note: 'route /chat, subprotocol chat.v1',
    });
  });

  it('accepts without a subprotocol when none fits and none is required', () => {
    expect(
      decideHandshake(definition, upgradeFor('/chat?room=a', { ...ok, subprotocols: ['mqtt'] })),
    ).toMatchObject({ accept: true, subprotocol: null });
  });

  it('refuses a missing bearer token with 401, a JSON body and WWW-Authenticate', () => {
    expect(decideHandshake(definition, upgradeFor('/chat?room=a', { cookies: { session: 's1' } }))).toEqual({
      accept: false,
      status: 401,
      headers: [
        ['WWW-Authenticate', 'Bearer'],
        ['Content-Type', 'application/json'],
      ],
      body: '{"error":"missing header authorization"}',
      note: 'missing header authorization',
    });
    const wrong = decideHandshake(
      definition,
      upgradeFor('/chat?room=a', { headers: { authorization: 'Bearer 123' } }),
    );
    expect(wrong).toMatchObject({
      status: 401,
      headers: [['WWW-Authenticate', 'Bearer error="invalid_token"'], expect.anything()],
      body: '{"error":"header authorization does not match /^Bearer [a-z]+$/"}',
      note: "header authorization 'Bearer 123' does not match /^Bearer [a-z]+$/",
    });
  });

  it('checks query parameters and cookies, with the status and body the file gives', () => {
    expect(decideHandshake(definition, upgradeFor('/chat', ok))).toMatchObject({
      status: 401,
      body: '{"error":"missing query room"}',
    });
    expect(
      decideHandshake(definition, upgradeFor('/chat?room=a', { ...ok, cookies: { session: 'other' } })),
    ).toEqual({
      accept: false,
      status: 403,
      headers: [['Content-Type', 'text/plain; charset=utf-8']],
      body: 'forbidden, sorry',
      note: "cookie session is 'other', expected 's1'",
    });
  });

  it('refuses an Origin outside the allow-list with 403 before anything else; no Origin passes', () => {
    expect(
      decideHandshake(definition, upgradeFor('/chat', { origin: 'https://evil.example' })),
    ).toMatchObject({
      status: 403,
      body: '{"error":"origin https://evil.example is not allowed"}',
      note: 'origin https://evil.example not in http://localhost:*, https://app.example',
    });
    expect(
      decideHandshake(definition, upgradeFor('/chat?room=a', { ...ok, origin: 'HTTPS://APP.EXAMPLE' })),
    ).toMatchObject({ accept: true });
    expect(decideHandshake(definition, upgradeFor('/chat?room=a', ok))).toMatchObject({ accept: true });
  });

  it('refuses with 400 when a required subprotocol was not offered', () => {
    expect(decideHandshake(definition, upgradeFor('/strict', { subprotocols: ['xml'] }))).toMatchObject({
      status: 400,
      body: '{"error":"no supported subprotocol (offered: xml; supported: json)"}',
    });
    expect(
      decideHandshake(definition, upgradeFor('/strict', { subprotocols: ['xml', 'json'] })),
    ).toMatchObject({ accept: true, subprotocol: 'json' });
  });

  it('names the Basic scheme and sends an object body as JSON', () => {
    expect(
      decideHandshake(definition, upgradeFor('/basic', { headers: { authorization: 'Basic nope' } })),
    ).toMatchObject({
      status: 401,
      headers: [
        ['WWW-Authenticate', 'Basic realm="wstap mock"'],
        ['Content-Type', 'application/json'],
      ],
      body: '{"code":40101}',
    });
  });

  it('takes route parameters without conditions', () => {
    expect(decideHandshake(definition, upgradeFor('/rooms/lobby'))).toEqual({
      accept: true,
      subprotocol: null,
      headers: [],
      note: 'route /rooms/:room',
    });
  });
});
