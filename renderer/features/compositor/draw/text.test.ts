import { describe, expect, it } from 'vitest';
import { graphemes } from '../../../../contract/text/viewerText.std';
import { ELLIPSIS, MAX_OVERLAY_GRAPHEMES, fitText, sanitizeOverlayText, wrapText } from './text.std';

/** 10 px per grapheme, like a monospace font; counts its calls. */
function fakeMeasure() {
  const measure = (s: string) => {
    measure.calls += 1;
    return graphemes(s).length * 10;
  };
  measure.calls = 0;
  return measure;
}

const zalgo = 'Z' + '\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309'.repeat(30);
const family = '👨‍👩‍👧‍👦';
const bags = '🛍️';
const marksIn = (s: string) => [...s].filter((c) => /\p{M}/u.test(c)).length;

describe('sanitizeOverlayText', () => {
  it('keeps ordinary text as it is', () => {
    expect(sanitizeOverlayText('Hello, 世界! 🛍️')).toBe('Hello, 世界! 🛍️');
  });

  it('collapses every whitespace run, newlines and tabs included, and trims', () => {
    expect(sanitizeOverlayText('  a\n\n\tb \r\n c\u2028d\u00A0\u3000e  ')).toBe('a b c d e');
  });

  it('removes C0 and C1 control characters', () => {
    expect(sanitizeOverlayText('a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u009Bg')).toBe('abcde fg');
  });

  it('removes bidi overrides, embeddings, isolates and marks', () => {
    expect(sanitizeOverlayText('\u202Egnp.exe')).toBe('gnp.exe');
    expect(sanitizeOverlayText('a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069i\u200Ej\u200Fk')).toBe('abcdefghijk');
  });

  it('keeps HTML as literal text', () => {
    expect(sanitizeOverlayText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('caps zalgo at two combining marks per character', () => {
    const clean = sanitizeOverlayText(`${zalgo} ok ${zalgo}`);
    expect(clean).toBe('Z\u0300\u0301 ok Z\u0300\u0301');
  });

  it('keeps real diacritics and emoji sequences whole', () => {
    expect(sanitizeOverlayText('Tiếng Việt ñ e\u0301\u0302')).toBe('Tiếng Việt ñ e\u0301\u0302');
    for (const emoji of [family, bags, '#️⃣', '👁️‍🗨️', '🏳️‍🌈', '👩🏽‍💻', '🇨🇳']) expect(sanitizeOverlayText(emoji)).toBe(emoji);
  });

  it('does not let a ZWJ reset the mark count', () => {
    const sneaky = 'a' + '\u0300\u0301\u0302\u200D'.repeat(50);
    expect(marksIn(sanitizeOverlayText(sneaky))).toBe(2);
  });

  it('cuts to 400 graphemes without splitting an emoji', () => {
    expect(graphemes(sanitizeOverlayText('A'.repeat(10_000)))).toHaveLength(MAX_OVERLAY_GRAPHEMES);
    const emoji = sanitizeOverlayText(family.repeat(500));
    expect(graphemes(emoji)).toHaveLength(MAX_OVERLAY_GRAPHEMES);
    expect(emoji).toBe(family.repeat(MAX_OVERLAY_GRAPHEMES));
  });

  it('takes a larger limit for tickers', () => {
    expect(graphemes(sanitizeOverlayText('A'.repeat(2000), 1000))).toHaveLength(1000);
  });

  it('drops lone surrogates', () => {
    expect(sanitizeOverlayText('a\uD83Db\uDC4Dc')).toBe('abc');
  });

  it('is quick on megabytes of hostile text', () => {
    const started = performance.now();
    sanitizeOverlayText(zalgo.repeat(5_000));
    sanitizeOverlayText('\u202E<b>'.repeat(300_000));
    sanitizeOverlayText(' \n'.repeat(500_000));
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('fitText', () => {
  it('returns text that fits unchanged', () => {
    expect(fitText('hello', 50, fakeMeasure())).toBe('hello');
    expect(fitText('', 50, fakeMeasure())).toBe('');
  });

  it('cuts to the longest grapheme prefix that fits with an ellipsis', () => {
    expect(fitText('hello world', 60, fakeMeasure())).toBe(`hello${ELLIPSIS}`);
    expect(fitText('abcdefghij', 59, fakeMeasure())).toBe(`abcd${ELLIPSIS}`);
  });

  it('does not leave a space before the ellipsis', () => {
    expect(fitText('ab cdefgh', 40, fakeMeasure())).toBe(`ab${ELLIPSIS}`);
  });

  it('returns the ellipsis alone, or nothing, when the box is that narrow', () => {
    expect(fitText('hello', 15, fakeMeasure())).toBe(ELLIPSIS);
    expect(fitText('hello', 9, fakeMeasure())).toBe('');
    expect(fitText('hello', Number.NaN, fakeMeasure())).toBe('');
  });

  it('never splits an emoji ZWJ sequence or a flag', () => {
    expect(fitText(family.repeat(5), 35, fakeMeasure())).toBe(`${family}${family}${ELLIPSIS}`);
    expect(fitText('🇨🇳🇯🇵🇰🇷', 25, fakeMeasure())).toBe(`🇨🇳${ELLIPSIS}`);
  });

  it('measures a bounded number of times, with bounded strings, on 10 KB of text', () => {
    const measure = fakeMeasure();
    const started = performance.now();
    const fitted = fitText('A'.repeat(10_000), 200, measure);
    expect(fitted).toBe(`${'A'.repeat(19)}${ELLIPSIS}`);
    expect(measure.calls).toBeLessThan(20);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('fits whatever the measure is, as long as it grows with the text', () => {
    const wide = (s: string) => [...s].reduce((sum, c) => sum + (c === 'W' ? 30 : 5), 0);
    const fitted = fitText('WWiiWWiiWW', 80, wide);
    expect(wide(fitted)).toBeLessThanOrEqual(80);
    expect(fitted).toBe(`WWii${ELLIPSIS}`);
  });
});

describe('wrapText', () => {
  it('keeps text that fits on one line', () => {
    expect(wrapText('hello world', 200, 2, fakeMeasure())).toEqual(['hello world']);
  });

  it('breaks between words', () => {
    expect(wrapText('the quick brown fox', 100, 3, fakeMeasure())).toEqual(['the quick', 'brown fox']);
  });

  it('ellipsises the last line when more text remains', () => {
    const lines = wrapText('the quick brown fox jumps over the lazy dog', 100, 2, fakeMeasure());
    expect(lines).toEqual(['the quick', `brown fox${ELLIPSIS}`]);
  });

  it('fills the last line before the ellipsis', () => {
    expect(wrapText('aaa bbbbbbbbbbbb', 100, 1, fakeMeasure())).toEqual([`aaa bbbbb${ELLIPSIS}`]);
  });

  it('breaks a word wider than the line between graphemes', () => {
    expect(wrapText('abcdefghijklmnopqrstuvwxy', 100, 3, fakeMeasure())).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxy']);
    expect(wrapText('abcdefghijklmnopqrstuvwxyz', 100, 2, fakeMeasure())).toEqual(['abcdefghij', `klmnopqrs${ELLIPSIS}`]);
  });

  it('breaks CJK between characters and keeps closing punctuation off the line start', () => {
    expect(wrapText('你好这是一个很长的评论', 50, 3, fakeMeasure())).toEqual(['你好这是一', '个很长的评', '论']);
    expect(wrapText('你好这是一，个很长', 50, 3, fakeMeasure())).toEqual(['你好这是', '一，个很长']);
    expect(wrapText('你好这是一个很长的评论'.repeat(20), 50, 2, fakeMeasure())).toEqual(['你好这是一', `个很长的${ELLIPSIS}`]);
  });

  it('breaks between CJK and Latin without a space, and keeps Latin words whole', () => {
    expect(wrapText('买了iPhone手机', 60, 3, fakeMeasure())).toEqual(['买了', 'iPhone', '手机']);
  });

  it('never splits an emoji sequence across lines', () => {
    const lines = wrapText(`${family}${bags}`.repeat(10), 45, 3, fakeMeasure());
    expect(lines).toEqual([`${family}${bags}${family}${bags}`, `${family}${bags}${family}${bags}`, `${family}${bags}${family}${ELLIPSIS}`]);
  });

  it('returns no lines for no room or no text', () => {
    expect(wrapText('hello', 100, 0, fakeMeasure())).toEqual([]);
    expect(wrapText('', 100, 2, fakeMeasure())).toEqual([]);
    expect(wrapText('hello', 5, 2, fakeMeasure())).toEqual([]);
  });

  it('keeps every line within the width', () => {
    const measure = fakeMeasure();
    const text = 'Lorem ipsum dolor sit amet, 你好世界，consectetur adipiscing elit 👨‍👩‍👧‍👦 sed do eiusmod tempor';
    for (const width of [15, 30, 55, 80, 130]) {
      for (const line of wrapText(text, width, 4, measure)) expect(measure(line)).toBeLessThanOrEqual(width);
    }
  });

  it('is bounded on 10 KB of text without spaces and on hostile input', () => {
    const measure = fakeMeasure();
    const started = performance.now();
    expect(wrapText('A'.repeat(10_000), 100, 2, measure)).toEqual(['A'.repeat(10), `${'A'.repeat(9)}${ELLIPSIS}`]);
    expect(wrapText('a '.repeat(50_000), 100, 2, measure)).toHaveLength(2);
    expect(wrapText(sanitizeOverlayText(zalgo.repeat(1000)), 100, 2, measure)).toHaveLength(2);
    expect(measure.calls).toBeLessThan(500);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
