import QRCode from 'qrcode';

/** A link as an SVG QR code: the room's join link, a staff console's pairing link. */
export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}
