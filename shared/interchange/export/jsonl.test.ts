import { describe, expect, it } from 'vitest';
import { ExportError } from './export-options.js';
import { connection, conversation } from './conversation.test-util.js';
import { toMessageLines, type MessageLine } from './jsonl.js';

const chat = conversation(
  connection(1, 'ws://chat.test/a', [
    ['s', 1.5, 'welcome'],
    ['c', 2.25, '{"type":"ping","id":1}'],
    ['s', 3, { base64: '3q2+7w==' }],
  ]),
  connection(2, 'ws://chat.test/b', [['c', 0.5, 'line\nbreak \u2028 é']]),
);

describe('toMessageLines', () => {
  it('writes one JSON object a line, in order, and reads back as the conversation messages', () => {
    const out = toMessageLines(chat, {});
    expect(out.endsWith('\n')).toBe(true);
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as MessageLine);
    expect(lines[0]).toEqual({ conn: 1, from: 'server', t: 1.5, opcode: 'text', text: 'welcome' });
    expect(lines[2]).toEqual({ conn: 1, from: 'server', t: 3, opcode: 'binary', base64: '3q2+7w==' });
    const back = chat.connections.flatMap((c) =>
      lines.filter((l) => l.conn === c.id).map(({ conn: _conn, ...message }) => message),
    );
    expect(back).toEqual(chat.connections.flatMap((c) => c.messages));
  });

  it('keeps a text that was not UTF-8 as base64 with its text opcode', () => {
    const odd = conversation({
      ...connection(3, 'ws://x.test/', []),
      messages: [{ from: 'client', t: 0, opcode: 'text', base64: 'b2sgwyg=' }],
    });
    expect(toMessageLines(odd, {})).toBe(
      '{"conn":3,"from":"client","t":0,"opcode":"text","base64":"b2sgwyg="}\n',
    );
  });

  it('exports the connections asked for, and names the ones the file does not have', () => {
    expect(toMessageLines(chat, { connections: [2] })).toBe(
      '{"conn":2,"from":"client","t":0.5,"opcode":"text","text":"line\\nbreak \u2028 é"}\n',
    );
    expect(() => toMessageLines(chat, { connections: [2, 5, 6] })).toThrow(
      new ExportError('INVALID_OPTION', 'no connection 5, 6 in the file; it has connections 1, 2'),
    );
    expect(() => toMessageLines(conversation(), {})).toThrow(/nothing to export/);
  });
});
