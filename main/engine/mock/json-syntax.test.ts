import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from './json-syntax.js';

describe('jsonSyntaxError', () => {
  it('accepts JSON', () => {
    for (const text of [
      '{}',
      '[]',
      ' {"a": [1, -2.5e3, 0, true, false, null, "x\\n\\u00e9\\"", {}]}\n',
      '\ufeff{"a": 1}',
      '"just a string"',
    ]) {
      expect(jsonSyntaxError(text)).toBeNull();
    }
  });

  it.each([
    ['{"a": 1,}', 8, "trailing comma before '}': JSON allows none"],
    ['[1, ]', 4, "trailing comma before ']': JSON allows none"],
    ['{"a": 1 /* c */}', 8, 'JSON has no comments (write the mock in YAML to keep comments)'],
    ['# c\n{}', 0, 'JSON has no comments (write the mock in YAML to keep comments)'],
    ["{'a': 1}", 1, 'JSON strings use double quotes'],
    ['{a: 1}', 1, 'expected a property name in double quotes'],
    ['{"a" 1}', 5, "expected ':' after the property name"],
    [
      '{"a": NaN}',
      6,
      '\'NaN\' is not JSON (strings need double quotes; values are true, false, null, numbers, "strings", [lists] and {objects})',
    ],
    ['{"a": 01}', 6, "'01' is not a JSON number"],
    ['{"a": 1.}', 6, "'1.' is not a JSON number"],
    ['{"a": -}', 6, "'-' is not a JSON number"],
    ['{"a": "\\q"}', 7, 'invalid escape in a string (JSON has \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)'],
    ['{"a": "x\ty"}', 8, 'a control character inside a string (write it as an escape, e.g. \\n or \\t)'],
    ['{"a": "x', 6, 'the string is never closed with "'],
    ['{"a": 1', 7, "expected '}' to close the object"],
    ['[1 2]', 3, "expected ',' between items"],
    [
      '{"a": }',
      6,
      '\'}\' is not JSON (strings need double quotes; values are true, false, null, numbers, "strings", [lists] and {objects})',
    ],
    ['{"a":', 5, 'expected a value, but the file ends'],
    ['{} []', 3, 'unexpected text after the end of the JSON value'],
    ['  \n', 0, 'the file is empty: a mock is an object with routes'],
  ])('%j: at %i, %s', (text, offset, message) => {
    expect(jsonSyntaxError(text)).toEqual({ offset, message });
  });
});
