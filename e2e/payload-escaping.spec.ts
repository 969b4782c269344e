// Issue 9, must show: payloads are data, never markup. Text that looks like HTML comes back from a
// real peer and shows as its characters in the table and the detail pane; no element is made from
// it and no handler in it runs. (The page's CSP would also block an inline handler, so the test
// checks the DOM itself: an <img> or <b> made from a payload is the failure.)
import { expect, test } from './fixtures/test.js';

const IMG = '<img src=x onerror="window.__pwned=1">';
const BOLD = '<b>bold</b>';
/** What those payloads would become if rendered as HTML. */
const MARKUP = 'img, b';

test('HTML in a payload is shown as text', async ({ app, echoPeer, page }) => {
  const { inspector, composer } = app;
  await app.connectTo(echoPeer.url);
  await composer.send(IMG);
  await composer.send(BOLD);
  await composer.send(`{"html":"${BOLD}"}`, { mode: 'json' });

  // Out and echoed back: the previews are the literal text.
  await expect(inspector.rowsWithPreview(IMG)).toHaveCount(2);
  await expect(inspector.rowsWithPreview(BOLD)).toHaveCount(2);
  await expect(inspector.elementsIn('table', MARKUP)).toHaveCount(0);

  for (const [text, row] of [
    [IMG, inspector.rowsWithPreview(IMG).last()],
    [BOLD, inspector.rowsWithPreview(BOLD).first()],
  ] as const) {
    await inspector.open(row);
    await expect(inspector.detailPayload).toHaveText(text);
    await expect(inspector.elementsIn('detail', MARKUP)).toHaveCount(0);
    await inspector.payloadTab('hex');
    await expect(inspector.detailPayload).toContainText('3c');
  }

  // The JSON tree shows the string value as text too.
  await inspector.open(inspector.rowsWithPreview(`{"html":"${BOLD}"}`).last());
  await expect(inspector.detailPayload).toHaveAttribute('data-tab', 'json');
  await expect(inspector.detailPayload).toContainText(BOLD);
  await expect(inspector.elementsIn('detail', MARKUP)).toHaveCount(0);

  await expect(app.elements(MARKUP)).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
});
