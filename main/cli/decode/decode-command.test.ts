import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCloseBody } from '../../../shared/protocol/close-body.js';
import { encodeFrames, fragmentMessage } from '../../../shared/protocol/encoder.js';
import { runCli } from '../run-cli.test-util.js';

const sample = new URL('../../../examples/captures/chat-server-to-client.hex', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'wstap-decode-'));
const clientBytes = encodeFrames([
  { opcode: 1, payload: 'hello', mask: 0x3f9a12c0 },
  ...fragmentMessage({ opcode: 1, payload: 'split €uro', mask: 0x01020304 }, [7, 5]),
  { opcode: 8, payload: encodeCloseBody(1000, 'bye'), mask: 0x0a0b0c0d },
]);

describe('wstap decode', () => {
  it('decodes a captured server direction with its handshake and compression', async () => {
    const run = await runCli(['decode', '--hex', '--messages', sample]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('skipped the HTTP response (101 Switching Protocols)');
    expect(run.stderr).toContain('9 frames, 5 messages, 247 bytes; no violations');
    expect(run.stdout).toContain('#0     @0         FIN RSV1 op=text unmasked len=56/7-bit  [compressed 56 B]');
    expect(run.stdout).toContain('= message #0 text 54 B in 1 frame, 56 B on the wire: "{"type":"welcome"');
    expect(run.stdout).toContain('= message #4 text 30 B in 3 frames: "part one, part two, part three"');
    expect(run.stdout).toContain('FIN op=close unmasked len=13/7-bit  4000 Private use "room closed"');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('prints one JSON object per frame with the documented keys', async () => {
    const file = join(dir, 'client.bin');
    writeFileSync(file, clientBytes);
    const run = await runCli(['decode', '--json', '--role', 'client', file]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    for (const key of ['fin', 'rsv1', 'rsv2', 'rsv3', 'opcode', 'opcodeName', 'masked', 'maskKey', 'payloadLength', 'lengthBits', 'offset', 'closeCode', 'closeReason', 'compressed', 'violations']) {
      expect(lines[0], key).toHaveProperty(key);
    }
    expect(lines[0]).toMatchObject({ type: 'frame', opcodeName: 'text', maskKey: '3f9a12c0', text: 'hello', lengthBits: 7 });
    // The second fragment starts mid-code point: not valid text on its own, so base64.
    expect(lines[1]).toMatchObject({ fin: false, base64: Buffer.from('split \u20ac').subarray(0, 7).toString('base64') });
    expect(lines[1]).not.toHaveProperty('text');
    expect(lines[3]).toMatchObject({ opcodeName: 'close', closeCode: 1000, closeReason: 'bye', closeName: 'Normal Closure' });
  });

  it('reads standard input and infers who sent the bytes', async () => {
    const run = await runCli(['decode'], clientBytes);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('these bytes were sent by the client');
  });

  it('exits 7 and names the violation, the close code and the RFC rule', async () => {
    const bad = encodeFrames([{ opcode: 1, payload: 'not masked' }, { opcode: 3, payload: 'x' }]);
    const run = await runCli(['decode', '--role', 'client', '-'], bad);
    expect(run.code).toBe(7);
    expect(run.stdout).toContain('✗ UNMASKED_CLIENT_FRAME: a client frame was not masked — a strict peer closes with 1002 (RFC 6455 §5.1)');
    expect(run.stdout).toContain('✗ RESERVED_OPCODE: reserved opcode: opcode 3 (0x3)');
    expect(run.stderr).toContain('2 frames, 1 messages, 15 bytes; 3 violations, 0 warnings');
  });

  it('reports a stream cut mid-frame', async () => {
    const run = await runCli(['decode', '--role', 'server', '--hex', '-'], '82 7e 01 00 aa bb');
    expect(run.code).toBe(7);
    expect(run.stderr).toContain('TRUNCATED_FRAME: the stream ended in the middle of a frame: frame #0 at offset 0 declares 256 payload bytes; the stream ended after 2');
  });

  it('colors only when asked, and never with NO_COLOR', async () => {
    const file = join(dir, 'color.bin');
    writeFileSync(file, clientBytes);
    expect((await runCli(['decode', file], undefined, { FORCE_COLOR: '1' })).stdout).toContain('\u001b[');
    expect((await runCli(['decode', file], undefined, { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toContain('\u001b[');
    expect((await runCli(['decode', '--no-color', file], undefined, { FORCE_COLOR: '1' })).stdout).not.toContain('\u001b[');
  });

  it.each([
    [['decode', join(dir, 'missing.bin')], 'wstap: cannot read ', 'no such file'],
    [['decode', '--role', 'browser', 'x'], "--role is 'client' (the bytes a client sent) or 'server', got 'browser'", ''],
    [['decode', '--limit', 'ten', 'x'], "--limit takes a whole number of bytes, got 'ten'", ''],
    [['decode'], 'no input: give a FILE, or pipe bytes in', ''],
    [['decode', '--bogus'], "unknown option '--bogus'", ''],
  ])('refuses bad input with exit 2 and no stack trace: %j', async (argv, message, more) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(more);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the line of bad hex and the problem in a --deflate value', async () => {
    const hex = await runCli(['decode', '--hex', '-'], '81 05\n48 6g');
    expect(hex).toMatchObject({ code: 2, stderr: expect.stringContaining("--hex input, line 2: 'g' is not a hex digit") });
    const deflate = await runCli(['decode', '--deflate', 'permessage-deflate; server_max_window_bits=99', '-'], clientBytes);
    expect(deflate.code).toBe(2);
    expect(deflate.stderr).toContain("--deflate 'permessage-deflate; server_max_window_bits=99'");
  });

  it('reports a message that does not inflate as JSON in --json mode', async () => {
    const bad = encodeFrames([{ opcode: 1, rsv1: true, payload: Uint8Array.of(0xff, 0xff, 0xff) }]);
    const run = await runCli(['decode', '--json', '--role', 'server', '--deflate', 'permessage-deflate', '-'], bad);
    expect(run.code).toBe(7);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.type)).toEqual(['frame', 'violation']);
    expect(lines[1]).toMatchObject({ code: 'INFLATE_FAILED', closeCode: 1007, message: expect.any(String), messageIndex: 0, firstFrame: 0 });
  });

  it('stops after --limit bytes', async () => {
    const run = await runCli(['decode', '--limit', '11', '--role', 'client', '-'], clientBytes);
    expect(run.stderr).toContain('1 frames, 1 messages, 11 bytes');
  });
});
