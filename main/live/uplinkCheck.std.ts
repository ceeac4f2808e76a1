import type { PreflightCheck } from '../../contract/schemas/preflight.std';

// Before going live: what the show will send out, against the upload measured to the merchant's
// own room server (the one destination Shopcast can measure; RTMP servers take only RTMP).

export interface Outgoing {
  name: string;
  kbps: number;
}

export interface UplinkMeasurement {
  name: string;
  /** null when the measurement failed (the server was unreachable: the destination will say so live). */
  kbps: number | null;
}

/** Headroom: a connection that only just fits stutters as soon as anything else uses it. */
const HEADROOM = 1.25;

const mbps = (kbps: number) => `${(kbps / 1000).toFixed(1)} Mb/s`;

export function uplinkCheck(outgoing: readonly Outgoing[], measured: readonly UplinkMeasurement[]): PreflightCheck | null {
  if (outgoing.length === 0) return null;
  const required = outgoing.reduce((sum, destination) => sum + destination.kbps, 0);
  const count = outgoing.length === 1 ? '1 destination' : `${outgoing.length} destinations`;
  const sends = `This show sends about ${mbps(required)} to ${outgoing.map((destination) => destination.name).join(', ')}.`;
  const known = measured.filter((measurement): measurement is { name: string; kbps: number } => measurement.kbps !== null);
  const slowest = known.reduce<{ name: string; kbps: number } | null>((low, next) => (low === null || next.kbps < low.kbps ? next : low), null);
  if (!slowest) {
    return {
      id: 'upload',
      ok: true,
      warning: false,
      message: `Upload needed: ${mbps(required)} for ${count}`,
      fix: "Make sure your connection's upload is comfortably above that (a speed test shows it).",
      details: sends,
    };
  }
  const details = `${sends} ${mbps(slowest.kbps)} of upload measured to ${slowest.name}.`;
  if (slowest.kbps < required * HEADROOM) {
    return {
      id: 'upload',
      ok: true,
      warning: true,
      message: `Upload: ${mbps(slowest.kbps)}, not enough for ${count} (they need ${mbps(required)})`,
      fix: 'The stream will stutter. Lower the output to 720p, or turn off a destination.',
      details,
    };
  }
  return { id: 'upload', ok: true, warning: false, message: `Upload: ${mbps(slowest.kbps)}, enough for ${count}`, details };
}
