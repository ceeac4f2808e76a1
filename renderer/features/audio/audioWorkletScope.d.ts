// The AudioWorkletGlobalScope, which TypeScript's DOM lib lacks
// (https://webaudio.github.io/web-audio-api/#AudioWorkletGlobalScope). Declared as types to
// import rather than as globals: global `sampleRate` and `currentFrame` declarations would make
// a stray `sampleRate` type-check in every renderer file.

export interface AudioWorkletProcessorBase {
  readonly port: MessagePort;
}

export interface AudioWorkletProcessorImpl extends AudioWorkletProcessorBase {
  /** Called once per render quantum (128 frames); returning false lets the node be collected. */
  process(inputs: Float32Array[][], outputs: Float32Array[][], parameters: Record<string, Float32Array>): boolean;
}

export interface AudioWorkletScope {
  readonly AudioWorkletProcessor: new (options?: AudioWorkletNodeOptions) => AudioWorkletProcessorBase;
  registerProcessor(name: string, processor: new (options?: AudioWorkletNodeOptions) => AudioWorkletProcessorImpl): void;
  /** The context frame of the first sample of the quantum being processed. */
  readonly currentFrame: number;
  readonly currentTime: number;
  readonly sampleRate: number;
}
