import QRCode from 'qrcode';
import type { LiveRoomInfo } from '../../contract/schemas/liveRoom.std';
import type { RoomHost } from './roomHost.node';

/** A link as an SVG QR code, for the room's join link and a staff console's pairing link. */
export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

/** What the studio shows of its live room; the QR code is made once, the video state read each time. */
export async function describeLiveRoom(host: RoomHost, roomId: string): Promise<() => LiveRoomInfo> {
  const watchUrl = host.watchUrl(roomId);
  const qrSvg = await qrCodeSvg(watchUrl);
  return () => ({ running: true, roomId, watchUrl, qrSvg, video: host.showFor(roomId).videoState(), message: null });
}

/** The studio's live room when it could not start, with the reason. */
export function liveRoomNotRunning(message: string): LiveRoomInfo {
  return { running: false, roomId: null, watchUrl: null, qrSvg: null, video: { available: false, producers: 0, reason: message }, message };
}
