import { describe, expect, it } from 'vitest';
import type { SavedMessage } from '../../../shared/ipc/contract.js';
import {
  checkSavedName,
  groupSaved,
  moveSaved,
  putSaved,
  removeSaved,
  renameSaved,
  savedSummary,
} from './saved.js';

const msg = (name: string, group: string): SavedMessage => ({
  name,
  group,
  message: { kind: 'text', text: name },
});
const names = (list: readonly SavedMessage[]) => list.map((s) => s.name);

const LIST = [msg('a', 'g1'), msg('b', 'g2'), msg('c', 'g1'), msg('d', ''), msg('e', 'g1')];

describe('saved messages', () => {
  it('groups by first appearance, keeping list order and indices', () => {
    const groups = groupSaved(LIST);
    expect(groups.map((g) => g.group)).toEqual(['g1', 'g2', '']);
    expect(groups[0]!.items.map((i) => [i.index, i.saved.name])).toEqual([
      [0, 'a'],
      [2, 'c'],
      [4, 'e'],
    ]);
  });

  it('moves within the group, skipping other groups, and stops at the ends', () => {
    expect(names(moveSaved(LIST, 2, -1))).toEqual(['c', 'b', 'a', 'd', 'e']);
    expect(names(moveSaved(LIST, 2, 1))).toEqual(['a', 'b', 'e', 'd', 'c']);
    expect(moveSaved(LIST, 0, -1)).toBe(LIST);
    expect(moveSaved(LIST, 4, 1)).toBe(LIST);
    expect(moveSaved(LIST, 1, 1)).toBe(LIST);
    expect(moveSaved(LIST, 99, 1)).toBe(LIST);
  });

  it('replaces a message of the same name and group in place, else appends', () => {
    const replaced = putSaved(LIST, ' c ', 'g1', { kind: 'json', text: '{}' });
    expect(names(replaced)).toEqual(names(LIST));
    expect(replaced[2]!.message).toEqual({ kind: 'json', text: '{}' });
    expect(names(putSaved(LIST, 'c', 'g2', { kind: 'text', text: '' }))).toEqual([...names(LIST), 'c']);
  });

  it('renames and removes', () => {
    expect(renameSaved(LIST, 1, ' B2 ')[1]).toEqual({ ...LIST[1], name: 'B2' });
    expect(renameSaved(LIST, 1, '  ')).toBe(LIST);
    expect(names(removeSaved(LIST, 0))).toEqual(['b', 'c', 'd', 'e']);
    expect(removeSaved(LIST, 7)).toBe(LIST);
  });

  it('checks names and summarises messages', () => {
    expect(checkSavedName(' ', 'name')).not.toBeNull();
    expect(checkSavedName('', 'group')).toBeNull();
    expect(checkSavedName('x'.repeat(201), 'group')).not.toBeNull();
    expect(savedSummary({ kind: 'binary', base64: 'Af8=' })).toBe('binary, 2 B');
    expect(savedSummary({ kind: 'text', text: 'a\nb' })).toBe('text: a b');
  });
});
