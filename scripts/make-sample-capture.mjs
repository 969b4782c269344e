// Records the bytes a real `ws` server sends to a client (handshake response included) into
// examples/captures/: the sample `npm start` decodes. Loopback only; run: node scripts/make-sample-capture.mjs
import { createConnection } from 'node:net';
import { writeFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: { threshold: 64 } });
server.on('connection', (ws) => {
  ws.send(JSON.stringify({ type: 'welcome', room: 'lobby', users: ['ana', 'bo'] }));
  ws.send('héllo from the chat server ✓');
  ws.ping('hb-1');
  ws.send(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), { binary: true });
  ws.send(JSON.stringify({ type: 'history', messages: Array.from({ length: 8 }, (_, i) => ({ from: 'ana', text: `message number ${i}` })) }));
  // A message fragmented into three frames, as a streaming server sends it.
  ws.send('part one, ', { fin: false, compress: false });
  ws.send('part two, ', { fin: false, compress: false });
  ws.send('part three', { fin: true, compress: false });
  ws.close(4000, 'room closed');
});
server.on('listening', () => {
  const { port } = server.address();
  const socket = createConnection(port, '127.0.0.1');
  const chunks = [];
  socket.on('connect', () =>
    socket.write(
      `GET /chat HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
        'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n',
    ),
  );
  socket.on('data', (d) => {
    chunks.push(d);
    const all = Buffer.concat(chunks);
    // Stop after the server's Close frame arrived (0x88 header following the head).
    if (all.includes(Buffer.from('room closed'))) {
      const hex = all.toString('hex').match(/.{1,32}/g).map((line, i) => `${(i * 16).toString(16).padStart(8, '0')}  ${line.match(/../g).join(' ')}`).join('\n');
      writeFileSync(new URL('../examples/captures/chat-server-to-client.hex', import.meta.url), hex + '\n');
      writeFileSync(new URL('../examples/captures/chat-server-to-client.bin', import.meta.url), all);
      socket.destroy();
      server.close();
    }
  });
});
