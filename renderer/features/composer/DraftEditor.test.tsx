import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DraftEditor } from './DraftEditor.js';
import { checkDraft } from './payload.js';

const noop = () => undefined;

describe('DraftEditor', () => {
  it('offers every mode and shows the draft check in one place', () => {
    const check = checkDraft('json', '{"a": }');
    const html = renderToStaticMarkup(
      <DraftEditor
        mode="json"
        text={'{"a": }'}
        file={null}
        check={check}
        error='unexpected "}" (line 1, column 7)'
        info=""
        onMode={noop}
        onText={noop}
        onFile={noop}
        onSubmit={noop}
      />,
    );
    for (const m of ['text', 'json', 'hex', 'base64', 'file'])
      expect(html).toContain(`data-testid="composer-mode-${m}"`);
    expect(html).toContain('data-testid="composer-input"');
    expect(html).toContain('data-testid="composer-error"');
    expect(html).toContain('data-testid="composer-json-format" disabled=""');
  });

  it('shows a file picker in file mode', () => {
    const html = renderToStaticMarkup(
      <DraftEditor
        mode="file"
        text=""
        file={null}
        check={null}
        error={null}
        info="Pick a file"
        onMode={noop}
        onText={noop}
        onFile={noop}
        onSubmit={noop}
      />,
    );
    expect(html).toContain('type="file"');
    expect(html).toContain('data-testid="composer-file"');
    expect(html).not.toContain('composer-input');
  });
});
