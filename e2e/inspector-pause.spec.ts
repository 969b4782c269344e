// Issue 9, must show: pausing the live tail keeps every row that arrives (counted as unread) while
// the table stays where it is; resuming jumps to the newest.
import { expect, test } from './fixtures/test.js';

/** The echo's `frag:<n>:<text>` command: the server sends <text> as one message in n frames. */
const FILL = `frag:30:${'0123456789'.repeat(3)}`;

test('pause keeps rows and counts them; resume shows them', async ({ app, echoPeer }) => {
  const { inspector, composer } = app;
  await app.connectTo(echoPeer.url);
  // More rows than the table shows: 1 out + 30 frames in.
  await composer.send(FILL);
  await expect(inspector.rows.last()).toBeInViewport();
  await inspector.expectCount(31, 31);
  const lastBeforePause = inspector.rowAt(await inspector.indexOf(inspector.rows.last()));

  await inspector.pause();
  await composer.send('while-paused-1');
  await composer.send('while-paused-2');
  await expect(inspector.unread).toHaveText('4 new');
  // Nothing is lost: the view holds every row...
  await inspector.expectCount(35, 35);
  // ...but the table stays put: the row that was last is still in sight, the new ones are not.
  await expect(lastBeforePause).toBeInViewport();
  await expect(inspector.rowsWithPreview('while-paused-2').last()).not.toBeInViewport();

  await inspector.resume();
  await expect(inspector.unread).toBeHidden();
  await expect(inspector.rowsWithPreview('while-paused-2')).toHaveCount(2);
  await expect(inspector.rowsWithPreview('while-paused-2').last()).toBeInViewport();
  await expect(inspector.rowsWithPreview('while-paused-1').last()).toBeInViewport();
});
