import { describe, expect, it } from 'vitest';
import { parseServeLine } from './serve-commands.js';

describe('the serve console', () => {
  it('sends plain lines to everyone and // escapes a slash', () => {
    expect(parseServeLine('hello all')).toEqual({
      ok: true,
      command: { kind: 'send', target: { kind: 'all' }, message: { kind: 'text', text: 'hello all' } },
    });
    expect(parseServeLine('//quit')).toMatchObject({
      ok: true,
      command: { message: { kind: 'text', text: '/quit' } },
    });
    expect(parseServeLine('   ')).toEqual({ ok: true, command: { kind: 'nothing' } });
  });

  it('targets one client, a room or all', () => {
    expect(parseServeLine('/send #3 hi there')).toMatchObject({
      ok: true,
      command: { target: { kind: 'conn', id: 3 }, message: { text: 'hi there' } },
    });
    expect(parseServeLine('/send 4 x')).toMatchObject({ command: { target: { kind: 'conn', id: 4 } } });
    expect(parseServeLine('/send @lobby x')).toMatchObject({
      command: { target: { kind: 'room', room: 'lobby' } },
    });
    expect(parseServeLine('/send room:/red x')).toMatchObject({
      command: { target: { kind: 'room', room: '/red' } },
    });
    expect(parseServeLine('/send all x')).toMatchObject({ command: { target: { kind: 'all' } } });
    expect(parseServeLine('/send bob x')).toEqual({
      ok: false,
      error: '/send needs a client: #3 (see /clients), @room or all',
    });
  });

  it('checks JSON, hex and close codes before anything is sent', () => {
    expect(parseServeLine('/json #1 {"a":1}')).toMatchObject({
      ok: true,
      command: { message: { kind: 'json', value: { a: 1 } } },
    });
    expect(parseServeLine('/json #1 {a')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^\/json: not valid JSON, not sent/),
    });
    expect(parseServeLine('/binary #1 89 50 4e 47')).toMatchObject({
      ok: true,
      command: { message: { kind: 'binary', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) } },
    });
    expect(parseServeLine('/binary #1 zz')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^\/binary takes hex bytes/),
    });
    expect(parseServeLine('/close #2 4001 kicked out')).toEqual({
      ok: true,
      command: { kind: 'close', target: { kind: 'conn', id: 2 }, code: 4001, reason: 'kicked out' },
    });
    expect(parseServeLine('/close @red')).toEqual({
      ok: true,
      command: { kind: 'close', target: { kind: 'room', room: 'red' } },
    });
    expect(parseServeLine('/close #2 1006')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/1006 .* may not be sent/),
    });
  });

  it('knows drop, ping, clients, rooms, timeline, reload, quit and help', () => {
    expect(parseServeLine('/drop #5')).toEqual({ ok: true, command: { kind: 'drop', id: 5 } });
    expect(parseServeLine('/ping 5 are you there')).toEqual({
      ok: true,
      command: { kind: 'ping', id: 5, data: 'are you there' },
    });
    expect(parseServeLine('/timeline #7')).toEqual({ ok: true, command: { kind: 'timeline', id: 7 } });
    for (const name of ['clients', 'rooms', 'reload', 'quit', 'help'])
      expect(parseServeLine(`/${name}`)).toEqual({ ok: true, command: { kind: name } });
    expect(parseServeLine('/drop')).toMatchObject({
      ok: false,
      error: '/drop needs a client: #3 (see /clients)',
    });
    expect(parseServeLine('/frobnicate')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^unknown command \/frobnicate/),
    });
  });
});
