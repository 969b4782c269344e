// Issue 9, must show: the inspector's filters narrow real traffic — direction, opcode chips, text
// and regex search (a bad regex says so), violations only — and the frames/messages toggle shows a
// fragmented message as its frames or as one message.
import { expect, test } from './fixtures/test.js';

test('direction and opcode chips', async ({ app, echoPeer }) => {
  const { inspector, composer } = app;
  await app.connectTo(echoPeer.url);
  await composer.send('words');
  await composer.send('ca fe', { mode: 'hex' });
  await composer.ping('beat');
  await expect(inspector.rows).toHaveCount(6);

  await inspector.toggle(inspector.directionChip('out'));
  await expect(inspector.rows).toHaveCount(3);
  await expect(inspector.rowsGoing('out')).toHaveCount(0);
  await inspector.expectCount(3, 6);

  await inspector.toggle(inspector.directionChip('out'));
  await inspector.toggle(inspector.directionChip('in'));
  await expect(inspector.rows).toHaveCount(3);
  await expect(inspector.rowsGoing('in')).toHaveCount(0);
  await inspector.toggle(inspector.directionChip('in'));
  await expect(inspector.rows).toHaveCount(6);

  // Chips pick opcodes; none picked shows all.
  await inspector.toggle(inspector.opcodeChip('binary'));
  await expect(inspector.rows).toHaveCount(2);
  await expect(inspector.rowsOf('out', 'binary')).toHaveCount(1);
  await expect(inspector.rowsOf('in', 'binary')).toHaveCount(1);
  await inspector.toggle(inspector.opcodeChip('pong'));
  await expect(inspector.rows).toHaveCount(3);
  await expect(inspector.rowsOf('in', 'pong')).toHaveCount(1);
  await inspector.toggle(inspector.opcodeChip('binary'));
  await inspector.toggle(inspector.opcodeChip('pong'));
  await expect(inspector.rows).toHaveCount(6);
});

test('text search, regex search and a bad regex', async ({ app, echoPeer }) => {
  const { inspector, composer } = app;
  await app.connectTo(echoPeer.url);
  for (const text of ['alpha-1', 'beta-22', 'gamma-3']) await composer.send(text);
  await expect(inspector.rows).toHaveCount(6);

  await inspector.searchFor('beta');
  await expect(inspector.rows).toHaveCount(2);
  await expect(inspector.rowsWithPreview('beta-22')).toHaveCount(2);

  // Plain text: a dot is a dot, so "a-." matches nothing; as a regex it matches every row.
  await inspector.searchFor('a-.');
  await expect(inspector.rows).toHaveCount(0);
  await inspector.searchFor('^(alpha|gamma)-\\d$', { regex: true });
  await expect(inspector.rows).toHaveCount(4);
  await expect(inspector.rowsWithPreview('beta-22')).toHaveCount(0);

  await inspector.searchFor('beta-(', { regex: true });
  await expect(inspector.filterError).toBeVisible();
  await expect(inspector.filterError).not.toBeEmpty();
  await expect(inspector.search).toHaveAttribute('aria-invalid', 'true');

  await inspector.searchFor('BETA-\\d{2}', { regex: true });
  await expect(inspector.filterError).toBeHidden();
  await expect(inspector.rows).toHaveCount(2);
  await expect(inspector.rowsWithPreview('beta-22')).toHaveCount(2);

  await inspector.searchFor('');
  await expect(inspector.rows).toHaveCount(6);
});

test('violations only', async ({ app, echoPeer }) => {
  const { inspector, composer } = app;
  await app.connectTo(echoPeer.url);
  await composer.send('all fine');
  await expect(inspector.rows).toHaveCount(2);
  // A text frame that is not UTF-8 (RFC 6455 §8.1), written as is by the raw frame builder.
  await composer.sendRawHex(1, 'ff fe 41');
  await expect(inspector.rowsOf('out', 'text')).toHaveCount(2);

  await inspector.toggle(inspector.violationsOnly);
  await expect(inspector.rows).not.toHaveCount(0);
  await expect(inspector.rowsWithPreview('all fine')).toHaveCount(0);
  const flagged = inspector.rowsOf('out', 'text');
  await expect(flagged).toHaveCount(1);
  await inspector.open(flagged);
  await expect(inspector.violations.first()).toHaveAttribute('data-code', 'INVALID_UTF8');

  await inspector.toggle(inspector.violationsOnly);
  await expect(inspector.rowsWithPreview('all fine')).toHaveCount(2);
});

test('frames view shows a fragmented message as its frames, messages view as one', async ({
  app,
  echoPeer,
}) => {
  const { inspector, composer } = app;
  await app.connectTo(echoPeer.url);
  await composer.send('one-two-three', { fragments: 3 });
  await inspector.toggle(inspector.directionChip('in'));

  await expect(inspector.rows).toHaveCount(3);
  await inspector.expectCells(inspector.row(0), { opcode: 'text', fin: '—' });
  await inspector.expectCells(inspector.row(1), { opcode: 'cont', fin: '—' });
  await inspector.expectCells(inspector.row(2), { opcode: 'cont', fin: '✓' });

  await inspector.setMode('messages');
  await expect(inspector.rows).toHaveCount(1);
  await inspector.expectCells(inspector.row(0), {
    opcode: 'text ×3',
    length: '13',
    preview: 'one-two-three',
  });
  await inspector.open(inspector.row(0));
  await expect(inspector.field('frames')).toHaveText(/^3 · ids /);
  await expect(inspector.detailPayload).toHaveText('one-two-three');

  await inspector.setMode('frames');
  await expect(inspector.rows).toHaveCount(3);
});
