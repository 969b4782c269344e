/**
 * A conversation as a plain JSON Lines message list: one line per data message, connections one
 * after the other, each in the order its messages crossed. What `jq`, a spreadsheet or a test
 * fixture can read without knowing wstap:
 * `{"conn":1,"from":"client","t":12.345,"opcode":"text","text":"hello"}` (binary: `"base64"`).
 */
import type { Conversation, ConversationMessage } from '../conversation.js';
import { selectedConnections, type ExportOptions } from './export-options.js';
import { payloadOf } from './exchanges.js';

/** One line of the list. */
export interface MessageLine {
  readonly conn: number;
  readonly from: ConversationMessage['from'];
  /** ms since the connection started. */
  readonly t: number;
  readonly opcode: ConversationMessage['opcode'];
  readonly text?: string;
  readonly base64?: string;
}

/** The messages of the selected connections, one JSON object a line, each line ended by `\n`. */
export function toMessageLines(conversation: Conversation, options: ExportOptions): string {
  const lines: string[] = [];
  for (const connection of selectedConnections(conversation, options)) {
    for (const message of connection.messages) {
      const line: MessageLine = {
        conn: connection.id,
        from: message.from,
        t: message.t,
        opcode: message.opcode,
        ...payloadOf(message),
      };
      lines.push(JSON.stringify(line));
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}
