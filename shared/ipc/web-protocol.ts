/**
 * Browser mode's wire (`wstap ui`): the bridge contract carried as JSON text frames over one
 * WebSocket on loopback. The renderer sends requests; main answers each by id and pushes batches.
 * Main checks every request (shape here, channel and input in dispatch) like Electron's IPC does.
 */
import type { EventBatch } from './contract.js';
import type { Result } from './result.js';

/** The bridge socket's path; the page's token goes in its query (`/bridge?token=T`). */
export const BRIDGE_PATH = '/bridge';

/** The query parameter that carries the per-run token, on the page URL and the bridge URL. */
export const TOKEN_PARAM = 'token';

/** Renderer → main: call `channel` with `input`; the reply carries the same id. */
export interface WebRequest {
  readonly id: number;
  readonly channel: string;
  readonly input: unknown;
}

/** Main → renderer: the answer to request `id` (null when the request was too broken to have one). */
export interface WebReply {
  readonly id: number | null;
  readonly result: Result<unknown>;
}

/** Main → renderer: one pushed batch of events. */
export interface WebBatchPush {
  readonly batch: EventBatch;
}

/** What main left out for one socket because it read too slowly (its buffer was past the bound). */
export interface Lag {
  readonly batches: number;
  readonly rows: number;
  readonly events: number;
}

/** Main → renderer: batches were skipped; sent before the next batch once the socket caught up. */
export interface WebLaggedPush {
  readonly lagged: Lag;
}

/** Every message main sends. */
export type WebServerMessage = WebReply | WebBatchPush | WebLaggedPush;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A request from a text frame, or what is wrong with it (the id too, when it could be read). */
export function parseWebRequest(
  text: string,
):
  | { readonly ok: true; readonly request: WebRequest }
  | { readonly ok: false; readonly id: number | null; readonly error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, id: null, error: 'the request is not JSON' };
  }
  if (!isRecord(value)) return { ok: false, id: null, error: 'the request is not an object' };
  if (!isId(value.id)) return { ok: false, id: null, error: 'id: expected a non-negative integer' };
  if (typeof value.channel !== 'string')
    return { ok: false, id: value.id, error: 'channel: expected a string' };
  return { ok: true, request: { id: value.id, channel: value.channel, input: value.input ?? null } };
}

/** A message from main's text frame, or null when it is none of the known shapes. */
export function parseWebServerMessage(text: string): WebServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if ('result' in value && (value.id === null || isId(value.id)) && isRecord(value.result)) {
    return typeof value.result.ok === 'boolean' ? (value as unknown as WebReply) : null;
  }
  if (isRecord(value.batch)) return value as unknown as WebBatchPush;
  if (isRecord(value.lagged)) return value as unknown as WebLaggedPush;
  return null;
}
