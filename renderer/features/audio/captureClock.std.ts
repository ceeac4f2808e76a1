// Capture timestamps for audio chunks, on the same clock as video frames (epoch ms:
// performance.timeOrigin + performance.now()).
//
// Why count samples instead of stamping each chunk with the mapping of the moment:
// `AudioContext.getOutputTimestamp()` maps the context's frame counter to performance time, but
// each reading jitters by a few ms (it is taken from the last audio callback). Stamping every
// chunk with it would put that jitter into the timestamps, and the encoder would hear it as gaps
// and overlaps. Counting samples from one anchor is exact between chunks (960 frames are always
// 20 ms apart), but the audio device's crystal is not the system clock: a 0.01 % skew is 360 ms
// after an hour, far past lip-sync (goal: < 40 ms after 60 min).
//
// So: count samples from an anchor, and keep comparing the count against a smoothed reading of
// the mapping. When the two disagree by more than `maxDriftMs` (20 ms), re-anchor on the
// smoothed reading and, once enough time has passed to measure it well, count with the measured
// duration of a frame instead of the nominal 1/48000 s. The first re-anchor learns the skew, so
// later ones are rare; each is one step of at most ~20 ms that the encoder's resampler absorbs.
// A single reading far off (the context was suspended, the device changed) re-anchors at once.

export interface CaptureClockOptions {
  sampleRate: number;
  /** Re-anchor when the smoothed disagreement between counting and the mapping exceeds this. */
  maxDriftMs?: number;
  /** One reading this far off means the clock jumped (suspend, device change): re-anchor at once. */
  jumpMs?: number;
  /**
   * Weight of each new reading in the smoothed disagreement once settled (readings come about
   * once a second, so 0.1 averages the last ten seconds or so). Until then it is a plain mean of
   * the readings since the anchor, so a wrong first anchor is corrected within seconds.
   */
  smoothing?: number;
  /** Shortest span, in seconds, over which the frame duration is measured. */
  minRateSpanSeconds?: number;
  /** The measured frame duration stays within this fraction of nominal (real crystals: ~1e-4). */
  maxSkew?: number;
}

export type CaptureClockEvent =
  | { type: 'anchored'; frame: number; ms: number }
  | { type: 're-anchored'; reason: 'drift' | 'jump'; frame: number; correctionMs: number; skewPpm: number };

export interface CaptureClockStats {
  reanchors: number;
  /** The measured rate of the audio clock against the system clock, ppm (positive: fast). */
  skewPpm: number;
  /** Counting minus the smoothed mapping, ms (how far the next re-anchor is). */
  driftMs: number;
}

export interface CaptureClock {
  /** One reading of the mapping: frame `frame` was captured at epoch `ms`. Readings are noisy. */
  observe(frame: number, ms: number): CaptureClockEvent | null;
  /** Capture time of `frame` (epoch ms), or null before the first reading. */
  timeOf(frame: number): number | null;
  stats(): CaptureClockStats;
}

export function createCaptureClock(options: CaptureClockOptions): CaptureClock {
  const nominalMsPerFrame = 1000 / options.sampleRate;
  const maxDriftMs = options.maxDriftMs ?? 20;
  const jumpMs = options.jumpMs ?? 250;
  const smoothing = options.smoothing ?? 0.1;
  const minRateSpanFrames = (options.minRateSpanSeconds ?? 60) * options.sampleRate;
  const maxSkew = options.maxSkew ?? 1e-3;

  let anchor: { frame: number; ms: number } | null = null;
  // Where the frame duration is measured from: the first anchor, moved only by a jump.
  let rateBase: { frame: number; ms: number } | null = null;
  let msPerFrame = nominalMsPerFrame;
  // Smoothed (reading − counted): positive when counting runs behind the mapping.
  let smoothedError = 0;
  let readingsSinceAnchor = 0;
  let reanchors = 0;

  const counted = (frame: number) => (anchor ? anchor.ms + (frame - anchor.frame) * msPerFrame : Number.NaN);
  // Positive when the audio clock runs fast (more frames per real second than nominal).
  const skewPpm = () => (nominalMsPerFrame / msPerFrame - 1) * 1e6;

  function reanchor(frame: number, ms: number, reason: 'drift' | 'jump'): CaptureClockEvent {
    const correctionMs = ms - counted(frame);
    if (reason === 'jump') {
      rateBase = { frame, ms };
    } else if (rateBase && frame - rateBase.frame >= minRateSpanFrames) {
      const measured = (ms - rateBase.ms) / (frame - rateBase.frame);
      const lowest = nominalMsPerFrame * (1 - maxSkew);
      const highest = nominalMsPerFrame * (1 + maxSkew);
      msPerFrame = Math.min(highest, Math.max(lowest, measured));
    }
    anchor = { frame, ms };
    smoothedError = 0;
    readingsSinceAnchor = 0;
    reanchors += 1;
    return { type: 're-anchored', reason, frame, correctionMs, skewPpm: skewPpm() };
  }

  return {
    observe(frame, ms) {
      if (!Number.isFinite(frame) || !Number.isFinite(ms)) return null;
      if (!anchor) {
        anchor = { frame, ms };
        rateBase = anchor;
        return { type: 'anchored', frame, ms };
      }
      const error = ms - counted(frame);
      if (Math.abs(error) > jumpMs) return reanchor(frame, ms, 'jump');
      readingsSinceAnchor += 1;
      smoothedError += Math.max(smoothing, 1 / (readingsSinceAnchor + 1)) * (error - smoothedError);
      if (Math.abs(smoothedError) > maxDriftMs) return reanchor(frame, counted(frame) + smoothedError, 'drift');
      return null;
    },
    timeOf: (frame) => (anchor ? counted(frame) : null),
    stats: () => ({ reanchors, skewPpm: skewPpm(), driftMs: -smoothedError }),
  };
}

/**
 * Lets through only readings of the mapping that agree with the one just before (taken a chunk
 * earlier) within `toleranceMs`. Right after the context starts or resumes, its output timestamps
 * move by tens of ms before they settle (seen in Chromium 156: ~100 ms after a resume); a reading
 * from then would anchor the clock wrong. Once settled, consecutive readings agree to ~0.2 ms.
 */
export function createReadingFilter(sampleRate: number, toleranceMs = 2): (frame: number, ms: number) => boolean {
  let previousOffset: number | null = null;
  return (frame, ms) => {
    // The mapping's offset: the epoch time of frame 0, were the clocks perfect.
    const offset = ms - (frame * 1000) / sampleRate;
    const agrees = previousOffset !== null && Math.abs(offset - previousOffset) <= toleranceMs;
    previousOffset = Number.isFinite(offset) ? offset : null;
    return agrees;
  };
}
