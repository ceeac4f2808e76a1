import type { Product } from './schemas/product.std';
import {
  FULL_FRAME,
  SCENES_VERSION,
  type Rect,
  type Scene,
  type SceneCollection,
  type ScenePreset,
  type SourceOf,
} from './schemas/scene.std';

// The scenes a shopkeeper starts from. Ids come from the caller so the same code serves the
// renderer (random ids) and tests (fixed ids).

export const presetNames: Record<ScenePreset, string> = {
  camera: 'Camera',
  productCloseUp: 'Product close-up',
  screenWithCamera: 'Screen + camera corner',
  sideBySide: 'Side by side',
  custom: 'Custom scene',
};

export const sampleProduct: Product = {
  id: 'sample',
  name: 'Your product',
  priceMinor: 9900,
  listPriceMinor: 12900,
  currency: 'CNY',
  stock: 20,
  photo: null,
};

export function cameraSource(id: string, rect: Rect = FULL_FRAME): SourceOf<'camera'> {
  return {
    id,
    name: 'Camera',
    kind: 'camera',
    visible: true,
    rect,
    deviceId: null,
    captureWidth: 1280,
    captureHeight: 720,
    captureFps: 30,
    mirrorPreview: true,
    fit: 'cover',
  };
}

export function screenSource(id: string, rect: Rect = FULL_FRAME): SourceOf<'screen'> {
  return { id, name: 'Screen', kind: 'screen', visible: true, rect, fit: 'contain' };
}

export function productCardSource(id: string, product: Product, rect: Rect): SourceOf<'productCard'> {
  return { id, name: `Card: ${product.name}`.slice(0, 80), kind: 'productCard', visible: true, rect, product, countdownEndsAt: null };
}

export function textSource(id: string, text: string, rect: Rect): SourceOf<'text'> {
  return { id, name: 'Text', kind: 'text', visible: true, rect, text, fontSize: 36, color: '#ffffff', background: null, bold: true };
}

export function tickerSource(id: string, text: string, rect: Rect): SourceOf<'ticker'> {
  return {
    id,
    name: 'Ticker',
    kind: 'ticker',
    visible: true,
    rect,
    text,
    fontSize: 28,
    color: '#ffffff',
    background: '#000000aa',
    bold: false,
    speed: 120,
  };
}

export function presetScene(preset: ScenePreset, newId: () => string): Scene {
  const scene = (sources: Scene['sources']): Scene => ({ id: newId(), name: presetNames[preset], preset, sources });
  switch (preset) {
    case 'camera':
      return scene([cameraSource(newId())]);
    case 'productCloseUp':
      return scene([cameraSource(newId()), productCardSource(newId(), sampleProduct, { x: 0.6, y: 0.52, width: 0.36, height: 0.4 })]);
    case 'screenWithCamera':
      return scene([screenSource(newId()), cameraSource(newId(), { x: 0.72, y: 0.7, width: 0.26, height: 0.26 })]);
    case 'sideBySide':
      return scene([cameraSource(newId(), { x: 0, y: 0.25, width: 0.5, height: 0.5 }), screenSource(newId(), { x: 0.5, y: 0.25, width: 0.5, height: 0.5 })]);
    case 'custom':
      return scene([]);
  }
}

export function defaultSceneCollection(newId: () => string): SceneCollection {
  const scenes = (['camera', 'productCloseUp', 'screenWithCamera', 'sideBySide'] as const).map((preset) => presetScene(preset, newId));
  return { version: SCENES_VERSION, scenes, activeSceneId: scenes[0]?.id ?? '', testPattern: false };
}
