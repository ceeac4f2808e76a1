import dgram from 'node:dgram';

// Receiving FFmpeg's RTP in a test, as the SFU would: UDP sockets that keep every packet and notice
// the RTCP BYE FFmpeg sends as it closes, an RTP header parser, and H.264's NAL units out of a
// payload (RFC 6184).

export interface RtpPacket {
  payloadType: number;
  ssrc: number;
  timestamp: number;
  marker: boolean;
  payload: Buffer;
  fromPort: number;
  atMs: number;
}

export function parseRtp({ message, fromPort, atMs }: { message: Buffer; fromPort: number; atMs: number }): RtpPacket | null {
  if (message.length < 12 || message.readUInt8(0) >> 6 !== 2) return null;
  const csrcCount = message.readUInt8(0) & 0x0f;
  let offset = 12 + csrcCount * 4;
  if (message.readUInt8(0) & 0x10) offset += 4 + message.readUInt16BE(offset + 2) * 4;
  return {
    payloadType: message.readUInt8(1) & 0x7f,
    marker: (message.readUInt8(1) & 0x80) !== 0,
    ssrc: message.readUInt32BE(8),
    timestamp: message.readUInt32BE(4),
    payload: message.subarray(offset),
    fromPort,
    atMs,
  };
}

/** NAL units carried by one RTP payload (RFC 6184): single NAL, STAP-A, or an FU-A start. */
export function nalUnitsOf(payload: Buffer): Buffer[] {
  const type = payload.readUInt8(0) & 0x1f;
  if (type >= 1 && type <= 23) return [payload];
  if (type === 24) {
    const units: Buffer[] = [];
    for (let offset = 1; offset + 2 <= payload.length; ) {
      const size = payload.readUInt16BE(offset);
      units.push(payload.subarray(offset + 2, offset + 2 + size));
      offset += 2 + size;
    }
    return units;
  }
  if (type === 28 && payload.readUInt8(1) & 0x80) {
    return [Buffer.concat([Buffer.from([(payload.readUInt8(0) & 0xe0) | (payload.readUInt8(1) & 0x1f)]), payload.subarray(2)])];
  }
  return [];
}

export interface UdpListener {
  socket: dgram.Socket;
  port: number;
  packets: { message: Buffer; fromPort: number; atMs: number }[];
  /** Resolves on the first RTCP BYE (packet type 203), which FFmpeg sends as it closes. */
  bye: Promise<void>;
}

export async function listen(): Promise<UdpListener> {
  const socket = dgram.createSocket('udp4');
  const packets: UdpListener['packets'] = [];
  let sawBye: () => void = () => undefined;
  const bye = new Promise<void>((resolve) => (sawBye = resolve));
  socket.on('message', (message, rinfo) => {
    packets.push({ message, fromPort: rinfo.port, atMs: performance.now() });
    // A compound RTCP packet: walk its parts looking for BYE.
    for (let offset = 0; offset + 4 <= message.length; offset += (message.readUInt16BE(offset + 2) + 1) * 4) {
      if (message[offset + 1] === 203) sawBye();
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, port: socket.address().port, packets, bye };
}
