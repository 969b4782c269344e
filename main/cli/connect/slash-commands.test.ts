import { describe, expect, it } from 'vitest';
import { lineCommand } from './piped-input.js';
import { parseBase64, parseInputLine, SLASH_HELP } from './slash-commands.js';

const command = (line: string) => {
  const parsed = parseInputLine(line);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
};
const error = (line: string) => {
  const parsed = parseInputLine(line);
  return parsed.ok ? null : parsed.error;
};

describe('parseInputLine', () => {
  it('plain lines are text messages; // escapes a leading slash; empty lines do nothing', () => {
    expect(command('hello world')).toEqual({ kind: 'send', message: { kind: 'text', text: 'hello world' } });
    expect(command('//not a command')).toEqual({ kind: 'send', message: { kind: 'text', text: '/not a command' } });
    expect(command('')).toEqual({ kind: 'nothing' });
  });

  it('/ping, /pong with data kept as typed (inner spaces too)', () => {
    expect(command('/ping')).toEqual({ kind: 'ping', data: '' });
    expect(command('/ping a  b')).toEqual({ kind: 'ping', data: 'a  b' });
    expect(command('/PONG x')).toEqual({ kind: 'pong', data: 'x' });
  });

  it('/close [code [reason]], with wscat\'s comma', () => {
    expect(command('/close')).toEqual({ kind: 'close' });
    expect(command('/close 4000')).toEqual({ kind: 'close', code: 4000 });
    expect(command('/close 4000 see you later')).toEqual({ kind: 'close', code: 4000, reason: 'see you later' });
    expect(command('/close 1000, bye')).toEqual({ kind: 'close', code: 1000, reason: 'bye' });
    expect(error('/close bye')).toBe('/close takes a code first: /close 1000 bye');
  });

  it('/binary, /base64, /raw take bytes', () => {
    expect(command('/binary 89 50 4e 47')).toEqual({ kind: 'send', message: { kind: 'binary', bytes: Uint8Array.of(0x89, 0x50, 0x4e, 0x47) } });
    expect(command('/base64 iVBORw==')).toEqual({ kind: 'send', message: { kind: 'binary', bytes: Uint8Array.of(0x89, 0x50, 0x4e, 0x47) } });
    expect(command('/raw 81 02 68 69')).toEqual({ kind: 'raw', bytes: Uint8Array.of(0x81, 0x02, 0x68, 0x69) });
    expect(error('/binary 8')).toBe('/binary takes hex bytes: odd number of hex digits (1)');
    expect(error('/binary zz')).toBe("/binary takes hex bytes: 'z' is not a hex digit");
    expect(error('/base64 ab$=')).toMatch(/^\/base64 takes standard base64/);
    expect(error('/raw')).toBe('/raw takes the bytes to write, in hex: /raw 81 02 68 69');
  });

  it('/json validates; /frag splits; /file takes a path', () => {
    expect(command('/json {"a": 1}')).toEqual({ kind: 'send', message: { kind: 'text', text: '{"a": 1}' } });
    expect(error('/json {a: 1}')).toMatch(/^\/json: not valid JSON: /);
    expect(command('/frag 3 one two three')).toEqual({ kind: 'send', message: { kind: 'text', text: 'one two three' }, fragments: 3 });
    expect(error('/frag 0 x')).toMatch(/^\/frag takes a frame count ≥ 1/);
    expect(error('/frag x')).toMatch(/^\/frag takes a frame count ≥ 1/);
    expect(command('/file ./data.bin')).toEqual({ kind: 'file', path: './data.bin' });
    expect(error('/file')).toBe('/file takes a path');
  });

  it('/pongs on|off, /info, /quit (and /exit), /help; unknown commands say how to send text', () => {
    expect(command('/pongs off')).toEqual({ kind: 'pongs', on: false });
    expect(command('/pongs ON')).toEqual({ kind: 'pongs', on: true });
    expect(error('/pongs maybe')).toBe('/pongs takes on or off');
    expect(command('/info')).toEqual({ kind: 'info' });
    expect(command('/quit')).toEqual({ kind: 'quit' });
    expect(command('/exit')).toEqual({ kind: 'quit' });
    expect(command('/help')).toEqual({ kind: 'help' });
    expect(error('/nope')).toBe('unknown command /nope (type /help; start a line with // to send text beginning with /)');
  });

  it('/help lists every command the parser knows', () => {
    for (const [usage] of SLASH_HELP) {
      const name = usage.split(' ')[0] as string;
      expect(error(name)?.startsWith('unknown command') ?? false, name).toBe(false);
    }
  });
});

describe('piped lines', () => {
  it('each line is a message, empty ones too; slash commands only with --slash', () => {
    expect(lineCommand('', { mode: 'text', slash: false })).toEqual({ ok: true, command: { kind: 'send', message: { kind: 'text', text: '' } } });
    expect(lineCommand('/ping', { mode: 'text', slash: false })).toEqual({ ok: true, command: { kind: 'send', message: { kind: 'text', text: '/ping' } } });
    expect(lineCommand('/ping', { mode: 'text', slash: true })).toEqual({ ok: true, command: { kind: 'ping', data: '' } });
  });

  it('--base64 lines become binary messages; bad ones are reported, not sent', () => {
    expect(lineCommand('AAEC', { mode: 'base64', slash: false })).toEqual({ ok: true, command: { kind: 'send', message: { kind: 'binary', bytes: Uint8Array.of(0, 1, 2) } } });
    expect(lineCommand('not base64!', { mode: 'base64', slash: false })).toEqual({ ok: false, error: 'not base64, not sent: not base64!' });
    expect(parseBase64(' AA EC ')).toEqual(Uint8Array.of(0, 1, 2));
    expect(parseBase64('AAE')).toBeNull();
  });
});
