import { describe, expect, it } from 'vitest';
import { fileNameOf, replayMediaUrl } from './mediaUrl.std';

describe('replayMediaUrl', () => {
  it('builds a relative URL under replay-media', () => {
    expect(replayMediaUrl('2026-11-25T20-15-00', 'show.mp4')).toBe('replay-media/2026-11-25T20-15-00/show.mp4');
    expect(replayMediaUrl('2026-11-25T20-15-00', 'clips/Silk scarf.jpg')).toBe('replay-media/2026-11-25T20-15-00/clips/Silk%20scarf.jpg');
  });

  it('keeps hostile names inside their segment', () => {
    const url = replayMediaUrl('a?b#c', 'clips/..%2F?x=1#frag <script>.mp4');
    expect(url).toBe('replay-media/a%3Fb%23c/clips/..%252F%3Fx%3D1%23frag%20%3Cscript%3E.mp4');
    expect(new URL(url, 'http://studio.test/').pathname.split('/')).toHaveLength(5);
    expect(new URL(url, 'http://studio.test/').search).toBe('');
    expect(new URL(url, 'http://studio.test/').hash).toBe('');
  });

  it('never starts with a scheme or a slash, whatever the show is called', () => {
    expect(replayMediaUrl('javascript:alert(1)', 'show.mp4')).toBe('replay-media/javascript%3Aalert(1)/show.mp4');
    expect(new URL(replayMediaUrl('//evil.example', 'x.mp4'), 'http://studio.test/').host).toBe('studio.test');
  });

  it('encodes non-Latin names as UTF-8', () => {
    expect(replayMediaUrl('s', 'clips/丝巾.mp4')).toBe('replay-media/s/clips/%E4%B8%9D%E5%B7%BE.mp4');
  });
});

describe('fileNameOf', () => {
  it('is the last segment', () => {
    expect(fileNameOf('exports/Silk scarf 9x16.mp4')).toBe('Silk scarf 9x16.mp4');
    expect(fileNameOf('show.mp4')).toBe('show.mp4');
  });
});
