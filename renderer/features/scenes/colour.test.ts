import { describe, expect, it } from 'vitest';
import { joinColour, splitColour } from './colour.std';

describe('colours with alpha', () => {
  it('splits #rrggbbaa into what a colour input shows and an opacity', () => {
    expect(splitColour('#FFFFFF')).toEqual({ rgb: '#ffffff', alpha: 1 });
    expect(splitColour('#000000aa')).toEqual({ rgb: '#000000', alpha: 170 / 255 });
    expect(splitColour('nonsense')).toEqual({ rgb: '#000000', alpha: 1 });
  });

  it('joins them back, dropping a full alpha', () => {
    expect(joinColour('#123456', 1)).toBe('#123456');
    expect(joinColour('#123456', 170 / 255)).toBe('#123456aa');
    expect(joinColour('#123456', 0)).toBe('#12345600');
    expect(joinColour('#ABCDEF', 2)).toBe('#abcdef');
  });
});
