// The files of a show's recording folder (`<data>/recordings/<showId>/`) that more than one part
// of the core reads: the recorder writes them, the replay library lists and repairs them.

/** The whole show, joined from its segments when it ends (or repaired after a crash). */
export const SHOW_FILE = 'show.mp4';
/** `{ durationSec }` of show.mp4, written when the segments are joined (FFmpeg measured it; ffprobe may not be installed). */
export const RECORDING_INFO_FILE = 'recording.json';
