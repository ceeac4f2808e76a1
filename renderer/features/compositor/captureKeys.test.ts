import { describe, expect, it } from 'vitest';
import { cameraSource, defaultSceneCollection, sampleProduct, productCardSource, screenSource, textSource } from '../../../contract/scenePresets.std';
import { SCENES_VERSION, type Scene, type SceneCollection } from '../../../contract/schemas/scene.std';
import { captureKey, capturesNeeded, isVideoSource } from './captureKeys.std';

const rect = { x: 0, y: 0, width: 0.5, height: 0.5 };

function collectionOf(...scenes: Scene['sources'][]): SceneCollection {
  const built = scenes.map((sources, index): Scene => ({ id: `scene-${index}`, name: `Scene ${index}`, preset: 'custom', sources }));
  return { version: SCENES_VERSION, scenes: built, activeSceneId: 'scene-0', testPattern: false };
}

describe('captureKey', () => {
  it('names a camera by device and format', () => {
    expect(captureKey({ ...cameraSource('a'), deviceId: 'usb-1234' })).toBe('camera:usb-1234:1280x720@30');
    expect(captureKey({ ...cameraSource('a'), captureWidth: 1920, captureHeight: 1080, captureFps: 60 })).toBe('camera:default:1920x1080@60');
  });

  it('gives every screen source the same key', () => {
    expect(captureKey(screenSource('a'))).toBe('screen');
    expect(captureKey({ ...screenSource('b', rect), fit: 'cover' })).toBe(captureKey(screenSource('a')));
  });

  it('ignores what does not change the capture: id, name, place, mirroring, fit, visibility', () => {
    const base = cameraSource('a');
    const other = { ...cameraSource('b', rect), name: 'Close-up', mirrorPreview: false, fit: 'contain' as const, visible: false };
    expect(captureKey(other)).toBe(captureKey(base));
  });

  it('tells apart devices, resolutions and frame rates', () => {
    const keys = [
      cameraSource('a'),
      { ...cameraSource('a'), deviceId: 'usb-1' },
      { ...cameraSource('a'), deviceId: 'usb-2' },
      { ...cameraSource('a'), captureWidth: 1920, captureHeight: 1080 },
      { ...cameraSource('a'), captureWidth: 640, captureHeight: 480 },
      { ...cameraSource('a'), captureFps: 60 },
      screenSource('s'),
    ].map(captureKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('isVideoSource', () => {
  it('is true for cameras and screens only', () => {
    expect(isVideoSource(cameraSource('a'))).toBe(true);
    expect(isVideoSource(screenSource('a'))).toBe(true);
    expect(isVideoSource(textSource('a', 'hi', rect))).toBe(false);
    expect(isVideoSource(productCardSource('a', sampleProduct, rect))).toBe(false);
  });
});

describe('capturesNeeded', () => {
  it('shares one capture between two scenes using the same camera, with both source ids', () => {
    const needed = capturesNeeded(collectionOf([cameraSource('cam-1')], [cameraSource('cam-2', rect), textSource('t', 'hi', rect)]));
    expect([...needed.keys()]).toEqual(['camera:default:1280x720@30']);
    const entry = needed.get('camera:default:1280x720@30');
    expect(entry?.sourceIds).toEqual(['cam-1', 'cam-2']);
    expect(entry?.source.kind).toBe('camera');
  });

  it('opens one capture per resolution of the same camera', () => {
    const hd = { ...cameraSource('hd'), deviceId: 'usb-1' };
    const fullHd = { ...cameraSource('full-hd'), deviceId: 'usb-1', captureWidth: 1920, captureHeight: 1080 };
    const needed = capturesNeeded(collectionOf([hd], [fullHd]));
    expect(needed.size).toBe(2);
    expect(needed.get('camera:usb-1:1280x720@30')?.sourceIds).toEqual(['hd']);
    expect(needed.get('camera:usb-1:1920x1080@30')?.sourceIds).toEqual(['full-hd']);
  });

  it('shares the screen between every scene that shows it', () => {
    const needed = capturesNeeded(collectionOf([screenSource('s1')], [screenSource('s2', rect), cameraSource('c')], [textSource('t', 'x', rect)]));
    expect(needed.get('screen')?.sourceIds).toEqual(['s1', 's2']);
    expect(needed.size).toBe(2);
  });

  it('counts hidden sources too, so showing them on air is instant', () => {
    const needed = capturesNeeded(collectionOf([{ ...cameraSource('hidden'), visible: false }]));
    expect(needed.get('camera:default:1280x720@30')?.sourceIds).toEqual(['hidden']);
  });

  it('needs nothing for scenes without video', () => {
    expect(capturesNeeded(collectionOf([textSource('t', 'x', rect)], [])).size).toBe(0);
  });

  it('opens one camera and one screen for the default scenes', () => {
    let next = 0;
    const collection = defaultSceneCollection(() => `id-${(next += 1)}`);
    const needed = capturesNeeded(collection);
    expect([...needed.keys()].sort()).toEqual(['camera:default:1280x720@30', 'screen']);
    const cameraIds = collection.scenes.flatMap((scene) => scene.sources.filter((source) => source.kind === 'camera').map((source) => source.id));
    expect(needed.get('camera:default:1280x720@30')?.sourceIds).toEqual(cameraIds);
    expect(cameraIds).toHaveLength(4);
    expect(needed.get('screen')?.sourceIds).toHaveLength(2);
  });
});
