/**
 * Saved messages as a list the composer edits: grouped for display, reordered within a group,
 * renamed, removed, added. Every change returns a new list, which `saved.setMessages` stores whole.
 */
import type { OutgoingInput, SavedMessage } from '../../../shared/ipc/contract.js';

/** Longest name and group the bridge accepts (shared/ipc/inputs.ts). */
export const MAX_SAVED_NAME = 200;
/** Messages larger than this are not saved (the list is one JSON file, read at every start). */
export const MAX_SAVED_BYTES = 1 << 20;

/** A group heading and its messages with their index in the flat list. */
export interface SavedGroup {
  readonly group: string;
  readonly items: readonly { readonly index: number; readonly saved: SavedMessage }[];
}

/** Groups in order of first appearance; messages keep their list order inside a group. */
export function groupSaved(list: readonly SavedMessage[]): SavedGroup[] {
  const groups = new Map<string, { index: number; saved: SavedMessage }[]>();
  list.forEach((saved, index) => {
    const items = groups.get(saved.group) ?? [];
    items.push({ index, saved });
    groups.set(saved.group, items);
  });
  return [...groups].map(([group, items]) => ({ group, items }));
}

/** Moves item `index` one place up (-1) or down (+1) among the messages of its own group. */
export function moveSaved(
  list: readonly SavedMessage[],
  index: number,
  delta: -1 | 1,
): readonly SavedMessage[] {
  const item = list[index];
  if (item === undefined) return list;
  let other = index + delta;
  while (other >= 0 && other < list.length && list[other]!.group !== item.group) other += delta;
  if (other < 0 || other >= list.length) return list;
  const next = [...list];
  next[index] = list[other]!;
  next[other] = item;
  return next;
}

/** Checks a name or group typed in. */
export function checkSavedName(name: string, what: 'name' | 'group'): string | null {
  if (what === 'name' && name.trim() === '') return 'give the message a name';
  if (name.length > MAX_SAVED_NAME) return `${what}: at most ${MAX_SAVED_NAME} characters`;
  return null;
}

/** Adds a message; one with the same name in the same group is replaced in place. */
export function putSaved(
  list: readonly SavedMessage[],
  name: string,
  group: string,
  message: OutgoingInput,
): readonly SavedMessage[] {
  const saved: SavedMessage = { name: name.trim(), group: group.trim(), message };
  const at = list.findIndex((s) => s.name === saved.name && s.group === saved.group);
  if (at < 0) return [...list, saved];
  const next = [...list];
  next[at] = saved;
  return next;
}

/** Renames item `index` (its group and message unchanged). */
export function renameSaved(
  list: readonly SavedMessage[],
  index: number,
  name: string,
): readonly SavedMessage[] {
  const item = list[index];
  if (item === undefined || name.trim() === '') return list;
  const next = [...list];
  next[index] = { ...item, name: name.trim() };
  return next;
}

/** Removes item `index`. */
export function removeSaved(list: readonly SavedMessage[], index: number): readonly SavedMessage[] {
  return index >= 0 && index < list.length ? list.filter((_, i) => i !== index) : list;
}

/** A short description for the list: kind and size. */
export function savedSummary(message: OutgoingInput): string {
  if (message.kind === 'binary')
    return `binary, ${Math.floor((message.base64.replace(/=+$/, '').length * 3) / 4)} B`;
  const head = message.text.length > 40 ? `${message.text.slice(0, 40)}…` : message.text;
  return `${message.kind}: ${head.replace(/\s+/g, ' ')}`;
}
