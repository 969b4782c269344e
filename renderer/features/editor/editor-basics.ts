/**
 * What every code editor of the console shares (the mock definition editor, the script editor):
 * colours made for the dark console, and undo/redo history (Ctrl/Cmd-Z, Ctrl/Cmd-Shift-Z, Ctrl-Y).
 */
import { history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

// CodeMirror's default style is made for a light background.
const darkStyle = HighlightStyle.define([
  { tag: [t.keyword, t.modifier, t.operatorKeyword, t.controlKeyword], color: '#c792ea' },
  { tag: [t.string, t.special(t.string), t.regexp], color: '#c3e88d' },
  { tag: [t.number, t.bool, t.null], color: '#f78c6c' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: '#7f8894', fontStyle: 'italic' },
  { tag: [t.typeName, t.className], color: '#ffcb6b' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: '#82aaff' },
  { tag: [t.propertyName, t.definition(t.propertyName)], color: '#89ddff' },
  { tag: [t.definition(t.variableName)], color: '#f0f0f0' },
  { tag: [t.punctuation, t.separator], color: '#a6accd' },
  { tag: [t.invalid], color: 'var(--error)' },
]);

/** Syntax colours for the dark console. */
export const darkHighlighting: Extension = syntaxHighlighting(darkStyle);

/** Undo history and its keys. */
export function undoHistory(): Extension {
  return [history(), keymap.of(historyKeymap)];
}
