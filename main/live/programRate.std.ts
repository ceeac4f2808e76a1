// The program's frame rate as the pre-flight reads it: frames the core received over the last few
// seconds *before* the check, sampled once a second. Not during the check: its own test publishes
// and upload measurement take CPU, and on a small machine the picture would be blamed for them.

/** Long enough that one slow second is not the verdict; short enough that Check again sees a fix. */
export const PROGRAM_RATE_WINDOW_MS = 3000;

export interface ProgramRate {
  /** Called once a second with the frames received so far (null: no picture arriving now). */
  sample(framesReceived: number | null): void;
  /** Frames per second over the window; null with less than a second and a half of picture in it. */
  framesPerSecond(): number | null;
}

export function createProgramRate(now: () => number, windowMs = PROGRAM_RATE_WINDOW_MS): ProgramRate {
  let samples: { at: number; frames: number }[] = [];
  return {
    sample(framesReceived) {
      const at = now();
      // A gap in the picture starts the window over: a rate across it would mean nothing.
      samples = framesReceived === null ? [] : [...samples.filter((sample) => sample.at >= at - windowMs), { at, frames: framesReceived }];
    },
    framesPerSecond() {
      const first = samples[0];
      const last = samples.at(-1);
      if (!first || !last || last.at - first.at < 1500) return null;
      return ((last.frames - first.frames) * 1000) / (last.at - first.at);
    },
  };
}
