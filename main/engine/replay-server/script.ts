/**
 * A recorded connection as the script the replay server plays for one client
 * (docs/serve-replay.md). Server messages before the first client message are pushes, sent on
 * connect. A server message carrying a correlated value (`--correlate $.id`) that an earlier
 * client message carried is that message's reply, however late it came (pipelined requests, a
 * slow answer overtaken by fast ones). Any other server message is a reply to the client message
 * before it: an unsolicited push the server sent later, with no client message in between, is
 * among them and keeps its recorded gap. A Close the server sent ends the batch of the client
 * message it followed. Each step's gap counts from the step before it in its batch.
 */
import type {
  ConversationConnection,
  ConversationMessage,
} from '../../../shared/interchange/conversation.js';
import { parseJson } from '../../../shared/replay/message-matcher.js';
import type { JsonPath } from '../mock/definition.js';
import { readJsonPath } from '../mock/json-path.js';

/** One thing the server does, `gap` ms (recorded) after the step before it. */
export type Step =
  | { readonly kind: 'send'; readonly message: ConversationMessage; readonly gap: number }
  | { readonly kind: 'close'; readonly code: number | null; readonly reason: string; readonly gap: number };

/** A recorded client message and what the server did in answer. */
export interface Exchange {
  /** Its place among the connection's client messages, from 0. */
  readonly index: number;
  readonly request: ConversationMessage;
  /** The first step's gap counts from the request. */
  readonly replies: readonly Step[];
}

/** What the server of one recorded connection does. */
export interface ReplayScript {
  readonly connection: ConversationConnection;
  /** Server steps before the first client message; the first one's gap counts from the open. */
  readonly pushes: readonly Step[];
  readonly exchanges: readonly Exchange[];
  /** Server messages in all. */
  readonly serverMessages: number;
  /** The recording ends with the server's Close (one of the steps). */
  readonly serverCloses: boolean;
}

interface Batch {
  readonly steps: Step[];
  /** When its last step (or its request) was recorded. */
  last: number;
}

/** The script of a recorded connection; `correlate` paths tie replies to their requests. */
export function buildScript(
  connection: ConversationConnection,
  correlate: readonly JsonPath[] = [],
): ReplayScript {
  // Pushes are timed from the open when the source says when that was, else from the start.
  const pushes: Batch = { steps: [], last: connection.opened ?? 0 };
  const batches: Batch[] = [];
  const requests: ConversationMessage[] = [];
  /** Correlation keys of client messages → the latest client message that carried each. */
  const owners = new Map<string, number>();
  const close = connection.close?.initiator === 'server' ? connection.close : null;
  let closePending = close !== null;
  let serverMessages = 0;
  const add = (batch: Batch, step: Step, t: number): void => {
    batch.steps.push(step);
    batch.last = Math.max(batch.last, t);
  };
  const addClose = (): void => {
    if (close === null) return;
    const batch = batches.at(-1) ?? pushes;
    add(
      batch,
      { kind: 'close', code: close.code, reason: close.reason, gap: Math.max(0, close.t - batch.last) },
      close.t,
    );
    closePending = false;
  };
  for (const message of connection.messages) {
    if (closePending && close !== null && message.t > close.t) addClose();
    const keys = correlationKeys(message, correlate);
    if (message.from === 'client') {
      for (const key of keys) owners.set(key, requests.length);
      requests.push(message);
      batches.push({ steps: [], last: message.t });
      continue;
    }
    serverMessages++;
    const owner = keys.map((key) => owners.get(key)).find((i) => i !== undefined);
    const batch = (owner === undefined ? batches.at(-1) : batches[owner]) ?? pushes;
    add(batch, { kind: 'send', message, gap: Math.max(0, message.t - batch.last) }, message.t);
  }
  if (closePending) addClose();
  return {
    connection,
    pushes: pushes.steps,
    exchanges: requests.map((request, index) => ({ index, request, replies: batches[index]?.steps ?? [] })),
    serverMessages,
    serverCloses: close !== null,
  };
}

/** `path=value` for each correlated path the message has a value at (null is no id). */
function correlationKeys(message: ConversationMessage, paths: readonly JsonPath[]): string[] {
  if (paths.length === 0 || message.text === undefined) return [];
  const json = parseJson(message.text);
  if (json === undefined) return [];
  return paths.flatMap((path) => {
    const value = readJsonPath(json, path);
    return value === undefined || value === null ? [] : [`${path.source}=${JSON.stringify(value)}`];
  });
}
