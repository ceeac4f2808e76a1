import { describe, expect, it } from 'vitest';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { checkImageDataUrl, checkImageFile as fileIn, formatBytes, MAX_IMAGE_BYTES } from './imageFile.std';

const zh = createStudioTranslator('zh-CN');
const checkImageFile = (file: Parameters<typeof fileIn>[0]) => fileIn(file, createStudioTranslator('en'));

describe('image files', () => {
  it('accepts PNG, JPEG, WebP and GIF up to 2 MB', () => {
    expect(checkImageFile({ name: 'a.png', type: 'image/png', size: MAX_IMAGE_BYTES }).ok).toBe(true);
    expect(checkImageFile({ name: 'a.gif', type: 'image/gif', size: 10 }).ok).toBe(true);
  });

  it('refuses a large file before reading it, and another type, saying why', () => {
    expect(checkImageFile({ name: 'big.jpg', type: 'image/jpeg', size: 3 * 1024 * 1024 })).toEqual({
      ok: false,
      message: '“big.jpg” is 3.0 MB: images can be at most 2 MB. Make it smaller and try again.',
    });
    expect(checkImageFile({ name: 'logo.svg', type: 'image/svg+xml', size: 10 })).toEqual({
      ok: false,
      message: '“logo.svg” is not a PNG, JPEG, WebP or GIF image.',
    });
    expect(fileIn({ name: '大图.jpg', type: 'image/jpeg', size: 3 * 1024 * 1024 }, zh)).toEqual({ ok: false, message: '“大图.jpg”有 3.0 MB：图片最大 2 MB。请压缩后再试。' });
  });

  it('checks what was read with the contract’s schema', () => {
    expect(checkImageDataUrl('data:image/png;base64,AAAA')).toEqual({ ok: true, value: 'data:image/png;base64,AAAA' });
    expect(checkImageDataUrl('data:application/octet-stream;base64,AAAA')).toEqual({ ok: false, message: 'Only PNG, JPEG, WebP or GIF images are accepted.' });
    expect(checkImageDataUrl(`data:image/png;base64,${'A'.repeat(3_000_000)}`)).toEqual({ ok: false, message: 'The image is too large (at most about 2 MB).' });
  });

  it('formats sizes for people', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
