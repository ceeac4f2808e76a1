import { describe, expect, it } from 'vitest';
import { createProgressParser, type FfmpegProgress } from './ffmpegProgress.std';

// Captured from Debian's FFmpeg 5.1.9 on this machine: the encoder (`-progress pipe:4`, 3 s of
// 720p into NUT) and an FLV remuxer (`-c copy`, reading a file, hence the huge speed).
const encoderOutput = `frame=1
fps=0.00
stream_0_0_q=27.0
bitrate= 312.9kbits/s
total_size=528
out_time_us=13500
out_time_ms=13500
out_time=00:00:00.013500
dup_frames=0
drop_frames=0
speed=0.051x
progress=continue
frame=73
fps=57.69
stream_0_0_q=30.0
bitrate=2890.0kbits/s
total_size=871874
out_time_us=2413500
out_time_ms=2413500
out_time=00:00:02.413500
dup_frames=0
drop_frames=0
speed=1.91x
progress=continue
frame=90
fps=53.90
stream_0_0_q=30.0
bitrate=2881.2kbits/s
total_size=1085329
out_time_us=3013500
out_time_ms=3013500
out_time=00:00:03.013500
dup_frames=0
drop_frames=0
speed= 1.8x
progress=end
`;

const remuxerOutput = `frame=0
fps=0.00
stream_0_0_q=-1.0
bitrate=N/A
total_size=N/A
out_time_us=N/A
out_time_ms=N/A
out_time=N/A
dup_frames=0
drop_frames=0
speed=N/A
progress=continue
frame=90
fps=0.00
stream_0_0_q=-1.0
bitrate=2755.8kbits/s
total_size=1043416
out_time_us=3029000
out_time_ms=3029000
out_time=00:00:03.029000
dup_frames=0
drop_frames=0
speed=1.51e+03x
progress=end
`;

function parseAll(chunks: readonly string[]): FfmpegProgress[] {
  const snapshots: FfmpegProgress[] = [];
  const parser = createProgressParser((snapshot) => snapshots.push(snapshot));
  for (const chunk of chunks) parser.push(chunk);
  return snapshots;
}

describe('createProgressParser', () => {
  it('turns each block into a typed snapshot, padded values and all', () => {
    expect(parseAll([encoderOutput])).toEqual([
      { frame: 1, fps: 0, bitrateKbps: 312.9, totalSizeBytes: 528, outTimeUs: 13500, dupFrames: 0, dropFrames: 0, speed: 0.051, ended: false },
      { frame: 73, fps: 57.69, bitrateKbps: 2890, totalSizeBytes: 871874, outTimeUs: 2413500, dupFrames: 0, dropFrames: 0, speed: 1.91, ended: false },
      { frame: 90, fps: 53.9, bitrateKbps: 2881.2, totalSizeBytes: 1085329, outTimeUs: 3013500, dupFrames: 0, dropFrames: 0, speed: 1.8, ended: true },
    ]);
  });

  it('reads N/A as unknown and exponent speeds as numbers', () => {
    expect(parseAll([remuxerOutput])).toEqual([
      { frame: 0, fps: 0, bitrateKbps: null, totalSizeBytes: null, outTimeUs: null, dupFrames: 0, dropFrames: 0, speed: null, ended: false },
      { frame: 90, fps: 0, bitrateKbps: 2755.8, totalSizeBytes: 1043416, outTimeUs: 3029000, dupFrames: 0, dropFrames: 0, speed: 1510, ended: true },
    ]);
  });

  it('gives the same snapshots however the text is cut into chunks, CRLF included', () => {
    const whole = parseAll([encoderOutput]);
    const byChar = parseAll([...encoderOutput]);
    const crlf = parseAll([encoderOutput.replaceAll('\n', '\r\n')]);
    const odd = parseAll([encoderOutput.slice(0, 7), encoderOutput.slice(7, 200), encoderOutput.slice(200)]);
    expect(byChar).toEqual(whole);
    expect(crlf).toEqual(whole);
    expect(odd).toEqual(whole);
  });

  it('reports duplicated and dropped frames, and nothing before a block ends', () => {
    expect(parseAll(['frame=83\ndup_frames=0\ndrop_frames=7\n'])).toEqual([]);
    expect(parseAll(['frame=83\ndup_frames=2\ndrop_frames=7\nprogress=continue\n'])).toEqual([
      { frame: 83, fps: null, bitrateKbps: null, totalSizeBytes: null, outTimeUs: null, dupFrames: 2, dropFrames: 7, speed: null, ended: false },
    ]);
  });

  it('ignores lines that are not progress (an SDP, garbage, an endless line)', () => {
    const sdp = 'SDP:\nv=0\no=- 0 0 IN IP4 127.0.0.1\nm=video 50000 RTP/AVP 101\n\n';
    const endless = 'x'.repeat(10_000);
    const snapshots = parseAll([sdp, endless, endless, '\nframe=5\nfps=abc\nprogress=end\n']);
    expect(snapshots).toEqual([
      { frame: 5, fps: null, bitrateKbps: null, totalSizeBytes: null, outTimeUs: null, dupFrames: 0, dropFrames: 0, speed: null, ended: true },
    ]);
  });
});
