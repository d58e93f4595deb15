// The WebSocket end of Socket Mode for the stand-in: just enough of RFC 6455 (handshake,
// unfragmented frames, ping/pong, close) for @slack/socket-mode to connect, hear hello, keep
// the link alive, and be asked to reconnect the way Slack asks before recycling a server.

import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

export class SocketModeLinks {
  /** Links accepted since the stand-in started. */
  opened = 0;
  private readonly sockets = new Set<Duplex>();

  constructor(private readonly appId: string) {}

  get open(): number {
    return this.sockets.size;
  }

  accept(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') {
      socket.destroy();
      return;
    }
    const accept = createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    this.sockets.add(socket);
    this.opened += 1;
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());

    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let frame = readFrame(pending); frame; frame = readFrame(pending)) {
        pending = pending.subarray(frame.size);
        if (frame.opcode === OPCODE.ping) socket.write(writeFrame(OPCODE.pong, frame.payload));
        if (frame.opcode === OPCODE.close) socket.end(writeFrame(OPCODE.close, frame.payload));
      }
    });
    this.sendJson(socket, {
      type: 'hello',
      num_connections: this.sockets.size,
      connection_info: { app_id: this.appId },
      debug_info: { host: 'handoff-standin', approximate_connection_time: 3600 },
    });
  }

  /** What Slack sends before it recycles the server holding a link; the app must reconnect. */
  askToReconnect(): void {
    for (const socket of this.sockets) this.sendJson(socket, { type: 'disconnect', reason: 'refresh_requested' });
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  private sendJson(socket: Duplex, body: unknown): void {
    socket.write(writeFrame(OPCODE.text, Buffer.from(JSON.stringify(body))));
  }
}

/** A server frame: final, unmasked. */
function writeFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) {
    header[1] = length;
  } else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** The first complete frame in buf (clients mask theirs), or undefined until more bytes arrive. */
function readFrame(buf: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (buf.length < 2) return undefined;
  const opcode = buf[0] & 0x0f;
  const masked = (buf[1] & 0x80) !== 0;
  let length = buf[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buf.length < 4) return undefined;
    length = buf.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buf.length < 10) return undefined;
    length = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const maskSize = masked ? 4 : 0;
  const size = offset + maskSize + length;
  if (buf.length < size) return undefined;
  const payload = Buffer.from(buf.subarray(offset + maskSize, size));
  if (masked) {
    for (let i = 0; i < payload.length; i += 1) payload[i] ^= buf[offset + (i % 4)];
  }
  return { opcode, payload, size };
}
