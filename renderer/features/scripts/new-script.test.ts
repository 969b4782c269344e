import { describe, expect, it } from 'vitest';
import { joinPath, newScriptText, scriptFileName, splitArgs } from './new-script.js';

describe('new scripts', () => {
  it('names: a script extension added when missing, paths refused', () => {
    expect(scriptFileName('chat')).toEqual({ ok: true, name: 'chat.ws.ts' });
    expect(scriptFileName(' a.mjs ')).toEqual({ ok: true, name: 'a.mjs' });
    expect(scriptFileName('')).toMatchObject({ ok: false });
    expect(scriptFileName('../x')).toMatchObject({ ok: false });
    expect(scriptFileName('.hidden')).toMatchObject({ ok: false });
  });

  it('the template connects to the URL given, as a JS string', () => {
    expect(newScriptText('ws://h/"x"')).toContain('await connect("ws://h/\\"x\\"");');
  });

  it('paths and arguments', () => {
    expect(joinPath('/a/b', 'c.ts')).toBe('/a/b/c.ts');
    expect(joinPath('/a/b/', 'c.ts')).toBe('/a/b/c.ts');
    expect(joinPath('C:\\s', 'c.ts')).toBe('C:\\s\\c.ts');
    expect(splitArgs(' ws://x  "two words" 3')).toEqual(['ws://x', 'two words', '3']);
    expect(splitArgs('')).toEqual([]);
  });
});
