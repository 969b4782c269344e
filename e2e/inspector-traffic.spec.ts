// Issue 9, must show: real traffic with the gorilla/websocket echo server, frame by frame — every
// row's direction, opcode, bits, length and preview, and the detail pane's decoded header (FIN,
// RSV, opcode, MASK and key, length encoding, close code and meaning, hex dump). Also writes the
// README's screenshots of this traffic when WSTAP_SCREENSHOTS=1.
import { readmeScreenshot } from './fixtures/screenshots.js';
import { expect, test } from './fixtures/test.js';

const TEXT = 'hello from wstap';
/** 11 bytes: a dump line shows its 8-byte split and the printable ones as ASCII. */
const BINARY_HEX = '00 01 02 03 04 05 06 07 48 69 ff';
const JSON_TEXT = '{"op":"subscribe","channel":"ticks","id":7}';
/** 200 bytes: its length needs the 16-bit extended field (126). */
const LONG = 'x'.repeat(200);
const PING = 'are-you-there';
const CLOSE_REASON = 'done testing';

test('every frame of an echo session, as it crossed the wire', async ({ app, echoPeer, page }) => {
  const { inspector, composer } = app;
  const conn = await app.connectTo(echoPeer.url);

  await test.step('send text, binary (hex), JSON, a long text and a ping', async () => {
    await composer.send(TEXT);
    await composer.send(BINARY_HEX, { mode: 'hex' });
    await composer.send(JSON_TEXT, { mode: 'json' });
    await composer.send(LONG);
    await composer.ping(PING);
    // Every message is echoed and the ping answered: 5 frames each way.
    await expect(inspector.rows).toHaveCount(10);
  });

  await test.step('rows: out frames masked, the echo unmasked, lengths and previews', async () => {
    const out = { dir: '→', mask: '✓', fin: '✓', rsv: '···', conn: `#${conn}` };
    const back = { dir: '←', mask: '—', fin: '✓', rsv: '···', conn: `#${conn}` };
    const [textOut, textIn] = [
      inspector.rowsOf('out', 'text').first(),
      inspector.rowsOf('in', 'text').first(),
    ];
    await inspector.expectCells(textOut, { ...out, opcode: 'text', length: '16/7', preview: TEXT });
    await inspector.expectCells(textIn, { ...back, opcode: 'text', length: '16/7', preview: TEXT });
    const [binOut, binIn] = [inspector.rowsOf('out', 'binary'), inspector.rowsOf('in', 'binary')];
    await inspector.expectCells(binOut, { ...out, opcode: 'binary', length: '11/7', preview: BINARY_HEX });
    await inspector.expectCells(binIn, { ...back, opcode: 'binary', length: '11/7', preview: BINARY_HEX });
    const jsonRows = inspector.rowsWithPreview(JSON_TEXT.slice(0, 43));
    await expect(jsonRows).toHaveCount(2);
    await inspector.expectCells(jsonRows.nth(0), { ...out, opcode: 'text', length: '43/7' });
    await inspector.expectCells(jsonRows.nth(1), { ...back, opcode: 'text', length: '43/7' });
    // The preview is cut; the length column names the 16-bit field.
    await inspector.expectCells(inspector.rowsOf('out', 'text').nth(2), {
      ...out,
      length: '200/16',
      preview: /^x{20,}$/,
    });
    await inspector.expectCells(inspector.rowsOf('in', 'text').nth(2), { ...back, length: '200/16' });
    await inspector.expectCells(inspector.rowsOf('out', 'ping'), {
      ...out,
      opcode: 'ping',
      length: '13/7',
      preview: PING,
    });
    await inspector.expectCells(inspector.rowsOf('in', 'pong'), {
      ...back,
      opcode: 'pong',
      length: '13/7',
      preview: PING,
    });
  });

  await test.step('detail of an outgoing text frame: every header bit, the masking key', async () => {
    await inspector.open(inspector.rowsOf('out', 'text').first());
    await expect(inspector.field('fin')).toHaveText('1 · final fragment');
    for (const rsv of ['rsv1', 'rsv2', 'rsv3'] as const) await expect(inspector.field(rsv)).toHaveText('0');
    await expect(inspector.field('opcode')).toHaveText('0x1 · text');
    await expect(inspector.field('mask')).toHaveText('1 · masked');
    await expect(inspector.field('mask-key')).toHaveText(/^[0-9a-f]{8}$/);
    await expect(inspector.field('length')).toHaveText('16 B · 7-bit field · minimal');
    // 2 header bytes + the 4-byte masking key.
    await expect(inspector.field('header-length')).toHaveText('6 B');
    await expect(inspector.detailPayload).toHaveText(TEXT);
  });

  await test.step('detail of the echo: unmasked, no key', async () => {
    await inspector.open(inspector.rowsOf('in', 'text').first());
    await expect(inspector.field('mask')).toHaveText('0 · not masked');
    await expect(inspector.field('mask-key')).toHaveText('—');
    await expect(inspector.field('header-length')).toHaveText('2 B');
    await expect(inspector.detailPayload).toHaveText(TEXT);
  });

  await test.step('detail of the 200-byte frame: the 16-bit length field', async () => {
    await inspector.open(inspector.rowsOf('out', 'text').nth(2));
    await expect(inspector.field('length')).toHaveText('200 B · 16-bit field (126) · minimal');
    await expect(inspector.field('header-length')).toHaveText('8 B');
  });

  await test.step('detail of the binary frame: the hex dump of its payload', async () => {
    await inspector.open(inspector.rowsOf('out', 'binary'));
    await expect(inspector.field('opcode')).toHaveText('0x2 · binary');
    await expect(inspector.field('mask-key')).toHaveText(/^[0-9a-f]{8}$/);
    const hex = await inspector.payloadTab('hex');
    await expect(hex).toContainText('00000000  00 01 02 03 04 05 06 07  48 69 ff');
    await expect(hex).toContainText('........Hi.');
    await composer.setCollapsed(true);
    await expect(inspector.detail).toBeVisible();
    await readmeScreenshot(page, 'inspector');
  });

  await test.step('a draft in the composer', async () => {
    await composer.setCollapsed(false);
    await composer.mode('json').click();
    await composer.input.fill('{\n  "op": "subscribe",\n  "channel": "ticks"\n}');
    await readmeScreenshot(page, 'composer');
  });

  await test.step('close 4000 with a reason: both Close frames, code and meaning', async () => {
    await composer.close(4000, CLOSE_REASON);
    await app.expectSelectedState('closed');
    await inspector.expectCells(inspector.rowsOf('out', 'close'), {
      dir: '→',
      mask: '✓',
      opcode: 'close',
      length: '14/7',
    });
    // gorilla answers with the code alone.
    await inspector.expectCells(inspector.rowsOf('in', 'close'), {
      dir: '←',
      mask: '—',
      opcode: 'close',
      length: '2/7',
    });
    await inspector.open(inspector.rowsOf('out', 'close'));
    await expect(inspector.field('opcode')).toHaveText('0x8 · close');
    await expect(inspector.field('close-code')).toHaveText('4000 Private use');
    await expect(inspector.field('close-meaning')).toHaveText(/^Application-defined/);
    await expect(inspector.field('close-reason')).toHaveText(CLOSE_REASON);
    await inspector.open(inspector.rowsOf('in', 'close'));
    await expect(inspector.field('close-code')).toHaveText('4000 Private use');
    await expect(inspector.field('close-reason')).toHaveCount(0);
  });

  await test.step('the timeline of the whole session', async () => {
    await app.showTab('timeline');
    await expect(app.timeline.closeExplanation).toContainText('4000');
    await expect(app.timeline.rttLast).toBeVisible();
    await composer.setCollapsed(true);
    await readmeScreenshot(page, 'timeline');
  });
});
