import type { spawn as spawnType } from 'node:child_process';
import type { OutputProfile } from '../../contract/schemas/settings.std';
import type { VideoEncoding } from '../ffmpeg/encodePlan.std';
import { selectVideoEncoder, spawnFfmpegRunner } from '../ffmpeg/encoderSelection.node';
import type { FfmpegProbe } from '../ffmpeg/ffmpegProbe.node';
import { outputProfileSpec } from '../ffmpeg/outputProfiles.std';

type Choice = { ok: true; encoding: VideoEncoding } | { ok: false; message: string };

/**
 * The encoder for a show: probed and trial-encoded once per FFmpeg binary and profile (a second
 * of test encodes is worth paying once, not at every Go Live).
 */
export function createEncoderChooser(deps: { spawn: typeof spawnType; probe: (binary: string) => Promise<FfmpegProbe> }) {
  const chosen = new Map<string, Promise<Choice>>();
  return (ffmpegPath: string, profile: OutputProfile): Promise<Choice> => {
    const key = `${ffmpegPath}\n${profile}`;
    let choice = chosen.get(key);
    if (!choice) {
      choice = deps.probe(ffmpegPath).then(
        async (probe): Promise<Choice> => {
          const selection = await selectVideoEncoder({
            h264Encoders: probe.h264Encoders,
            output: outputProfileSpec(profile),
            run: spawnFfmpegRunner({ spawn: deps.spawn, ffmpegPath, timeoutMs: 10_000 }),
            ffmpegPath,
          });
          return selection.ok ? { ok: true, encoding: selection.encoding } : { ok: false, message: selection.message };
        },
        (error: unknown): Choice => ({ ok: false, message: `FFmpeg at ${ffmpegPath} does not run (${error instanceof Error ? error.message : String(error)}).` }),
      );
      chosen.set(key, choice);
      // A failure is not remembered: the merchant may fix it and press Go Live again.
      void choice.then((result) => {
        if (!result.ok) chosen.delete(key);
      });
    }
    return choice;
  };
}
