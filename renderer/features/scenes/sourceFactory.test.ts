import { describe, expect, it } from 'vitest';
import { cameraSource, textSource } from '../../../contract/scenePresets.std';
import { FULL_FRAME, sourceSchema } from '../../../contract/schemas/scene.std';
import { cascade, defaultRect, imageRect, newImageSource, newSource, sourceKinds, uniqueName } from './sourceFactory.std';

describe('uniqueName', () => {
  it('numbers a name that is taken, keeping within the length limit', () => {
    expect(uniqueName('Text', [])).toBe('Text');
    expect(uniqueName('Text', ['Text', 'Text 2'])).toBe('Text 3');
    expect(uniqueName('x'.repeat(80), ['x'.repeat(80)])).toBe(`${'x'.repeat(78)} 2`);
  });
});

describe('defaultRect', () => {
  it('fills the frame with the first camera or screen, and puts a second in the corner', () => {
    expect(defaultRect('camera', [])).toEqual(FULL_FRAME);
    expect(defaultRect('screen', [textSource('t', 'hi', { x: 0, y: 0, width: 0.5, height: 0.1 })])).toEqual(FULL_FRAME);
    expect(defaultRect('camera', [cameraSource('c')])).toEqual({ x: 0.72, y: 0.7, width: 0.26, height: 0.26 });
  });

  it('steps a source off one that sits exactly where it would go', () => {
    const first = defaultRect('text', []);
    const second = defaultRect('text', [textSource('t', 'hi', first)]);
    expect(second).toEqual({ ...first, x: first.x + 0.03, y: first.y + 0.03 });
    expect(cascade({ x: 0.8, y: 0.9, width: 0.4, height: 0.3 }, [{ x: 0.8, y: 0.9, width: 1, height: 1 }])).toEqual({ x: 0.02, y: 0.02, width: 0.4, height: 0.3 });
  });
});

describe('newSource', () => {
  it('makes a valid source of every kind, with a name not yet used in the scene', () => {
    const existing = [textSource('a', 'hi', FULL_FRAME)];
    for (const kind of sourceKinds) {
      if (kind === 'image') continue;
      const source = newSource(kind, `id-${kind}`, existing);
      expect(sourceSchema.safeParse(source).success).toBe(true);
      expect(source.kind).toBe(kind);
    }
    expect(newSource('text', 'b', existing).name).toBe('Text 2');
  });

  it('makes an image source that keeps the picture’s shape on the output, in both layouts', () => {
    const rect = imageRect({ width: 400, height: 400 }, 'landscape', []);
    expect(rect.height).toBe(0.3);
    expect(rect.width * 1280).toBeCloseTo(rect.height * 720, 0);
    const wide = imageRect({ width: 4000, height: 400 }, 'landscape', []);
    expect(wide.width).toBe(0.5);
    const image = newImageSource('i', { dataUrl: 'data:image/png;base64,AAAA', width: 400, height: 400 }, []);
    expect(sourceSchema.safeParse(image).success).toBe(true);
    expect(image.rect).toEqual(rect);
    expect(image.portraitRect.width * 720).toBeCloseTo(image.portraitRect.height * 1280, 0);
  });

  it('places a new source in both layouts, each laid out for its aspect', () => {
    const text = newSource('text', 't', []);
    expect(text.rect).toEqual(defaultRect('text', [], 'landscape'));
    expect(text.portraitRect).toEqual(defaultRect('text', [], 'portrait'));
    expect(text.portraitRect.width).toBeGreaterThan(text.rect.width);
    const card = newSource('productCard', 'c', []);
    // The card keeps a wide shape on a phone: wider than tall in pixels.
    expect(card.portraitRect.width * 720).toBeGreaterThan(card.portraitRect.height * 1280);
  });
});
