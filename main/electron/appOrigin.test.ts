import { describe, expect, it } from 'vitest';
import { originOf } from './appOrigin.std';

describe('originOf', () => {
  it('gives scheme://host for the app scheme, where URL.origin says "null"', () => {
    expect(new URL('app://studio/index.html').origin).toBe('null');
    expect(originOf('app://studio/index.html')).toBe('app://studio');
  });

  it('keeps the port of web origins and is empty for URLs without a host', () => {
    expect(originOf('http://127.0.0.1:8080/x?y')).toBe('http://127.0.0.1:8080');
    expect(originOf('file:///etc/passwd')).toBe('');
    expect(originOf('javascript:alert(1)')).toBe('');
    expect(originOf('not a url')).toBe('');
  });
});
