// TypeScript's lib has MediaStreamTrackProcessorInit without its `track` (mediacapture-transform).
interface MediaStreamTrackProcessorInit {
  track: MediaStreamTrack;
}
