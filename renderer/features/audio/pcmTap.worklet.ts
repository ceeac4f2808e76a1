// The PCM tap: an AudioWorklet processor at the end of the audio graph. It turns the program bus
// into 20 ms s16 stereo chunks stamped with their first frame (the page turns frames into capture
// times, see captureClock.std.ts) and measures the peaks of the metered inputs on the way.
// Built by Vite as its own same-origin file (`?worker&url`): the CSP allows no blob: scripts.
import type { AudioWorkletProcessorImpl, AudioWorkletScope } from './audioWorkletScope';
import { createPcmChunker, type PcmChunk } from './pcmChunker.std';
import { PCM_TAP_PROCESSOR, pcmTapInputs, type PcmTapChunk, type ToPcmTap } from './pcmTapMessages.std';

const scope = globalThis as unknown as AudioWorkletScope;

class PcmTap extends scope.AudioWorkletProcessor implements AudioWorkletProcessorImpl {
  private readonly chunker = createPcmChunker(2);
  private running = true;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent<ToPcmTap>) => {
      if (event.data.type === 'stop') this.running = false;
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (!this.running) return false;
    this.chunker.write(
      inputs[pcmTapInputs.program] ?? [],
      scope.currentFrame,
      [inputs[pcmTapInputs.microphone] ?? [], inputs[pcmTapInputs.systemAudio] ?? []],
      this.post,
    );
    return true;
  }

  private readonly post = (chunk: PcmChunk) => {
    const buffer = chunk.pcm.buffer as ArrayBuffer;
    const message: PcmTapChunk = {
      type: 'chunk',
      firstFrame: chunk.firstFrame,
      pcm: buffer,
      programPeak: chunk.programPeak,
      microphonePeak: chunk.meterPeaks[0] ?? 0,
      systemAudioPeak: chunk.meterPeaks[1] ?? 0,
    };
    this.port.postMessage(message, [buffer]);
  };
}

scope.registerProcessor(PCM_TAP_PROCESSOR, PcmTap);
