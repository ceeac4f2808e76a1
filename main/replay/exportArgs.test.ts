import { describe, expect, it } from 'vitest';
import { verticalFilter } from './exportArgs.std';

describe('export arguments', () => {
  it('makes 1080×1920 either by cropping the middle or by letterboxing the whole picture', () => {
    expect(verticalFilter('crop')).toBe('scale=1080:1920:force_original_aspect_ratio=increase,crop=1080:1920,setsar=1');
    expect(verticalFilter('letterbox')).toContain('pad=1080:1920:(ow-iw)/2:(oh-ih)/2');
  });
});
