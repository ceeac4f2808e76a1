import { describe, expect, it } from 'vitest';
import { mediaAnswer } from './mediaRange.std';

describe('media answers', () => {
  it('answers the whole file without a range, and one range as 206 with its Content-Range', () => {
    expect(mediaAnswer(1000, 'video/mp4', null)).toMatchObject({ status: 200, start: 0, end: 999, headers: { 'Content-Length': '1000', 'Accept-Ranges': 'bytes' } });
    expect(mediaAnswer(1000, 'video/mp4', 'bytes=0-')).toMatchObject({ status: 206, start: 0, end: 999, headers: { 'Content-Range': 'bytes 0-999/1000' } });
    expect(mediaAnswer(1000, 'video/mp4', 'bytes=500-599')).toMatchObject({ status: 206, start: 500, end: 599, headers: { 'Content-Length': '100' } });
    expect(mediaAnswer(1000, 'video/mp4', 'bytes=-100')).toMatchObject({ status: 206, start: 900, end: 999 });
  });

  it('refuses a range past the end with 416, and ignores a malformed one', () => {
    expect(mediaAnswer(1000, 'video/mp4', 'bytes=2000-3000')).toMatchObject({ status: 416, headers: { 'Content-Range': 'bytes */1000' } });
    expect(mediaAnswer(1000, 'video/mp4', 'pages=1-2')).toMatchObject({ status: 200 });
    expect(mediaAnswer(1000, 'video/mp4', 'nonsense')).toMatchObject({ status: 200 });
  });
});
