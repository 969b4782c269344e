// Issue 10, payload decoders: a binary MessagePack message sent from the composer's hex mode to
// the gorilla/websocket echo server shows decoded in the detail pane once MessagePack is the
// connection's decoder; a .proto that does not parse is refused with its line; Protobuf decodes
// the next message with a real schema's nested message type.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures/test.js';
import { DecoderPage } from './pages/decoder-page.js';

/** {"op": "tick", "seq": 7, "ok": true} in MessagePack. */
const MSGPACK_HEX = '83 a2 6f 70 a4 74 69 63 6b a3 73 65 71 07 a2 6f 6b c3';
/** chat.Envelope{ kind: SAY, meta: { tags: ["a"] } } in protobuf wire format. */
const PROTO_HEX = '08 01 1a 03 12 01 61';

test('MessagePack and Protobuf payloads, decoded in the detail pane', async ({ app, echoPeer, page }) => {
  const { inspector, composer } = app;
  const decoder = new DecoderPage(page);
  const dir = await mkdtemp(join(tmpdir(), 'wstap-e2e-decoders-'));
  try {
    await app.connectTo(echoPeer.url);
    await composer.send(MSGPACK_HEX, { mode: 'hex' });
    await expect(inspector.rowsOf('in', 'binary')).toHaveCount(1);

    await test.step('MessagePack chosen for the connection decodes the echo', async () => {
      await inspector.open(inspector.rowsOf('in', 'binary'));
      await decoder.show();
      await expect(decoder.current).toHaveText('using none');
      await decoder.use('msgpack');
      await expect(decoder.current).toHaveText('using MessagePack');
      await expect(decoder.value).toHaveAttribute('data-decoder', 'msgpack');
      await expect(decoder.value).toContainText('op: "tick"');
      await expect(decoder.value).toContainText('seq: 7');
      await expect(decoder.value).toContainText('ok: true');
    });

    await test.step('a .proto that does not parse is refused, naming its line', async () => {
      const broken = join(dir, 'broken.proto');
      await writeFile(broken, 'syntax = "proto3";\nmessage A {\n  string name = ;\n}\n');
      await decoder.use('protobuf', { protoPath: broken, messageType: 'A' });
      await expect(decoder.formError).toContainText('DECODER_INVALID');
      await expect(decoder.formError).toContainText('line 3');
      await expect(decoder.current).toHaveText('using MessagePack');
    });

    await test.step('Protobuf with a nested message type', async () => {
      const proto = join(dir, 'chat.proto');
      await writeFile(
        proto,
        'syntax = "proto3";\npackage chat;\nmessage Envelope {\n  enum Kind { UNKNOWN = 0; SAY = 1; }\n  message Meta { repeated string tags = 2; }\n  Kind kind = 1;\n  Meta meta = 3;\n}\n',
      );
      await composer.send(PROTO_HEX, { mode: 'hex' });
      await expect(inspector.rowsOf('in', 'binary')).toHaveCount(2);
      await inspector.open(inspector.rowsOf('in', 'binary').nth(1));
      await decoder.show();
      await decoder.use('protobuf', { protoPath: proto, messageType: 'chat.Envelope' });
      await expect(decoder.current).toHaveText('using Protobuf chat.Envelope');
      await expect(decoder.value).toHaveAttribute('data-decoder', 'protobuf');
      await expect(decoder.value).toContainText('kind: "SAY"');
      await expect(decoder.value).toContainText('"a"');
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
