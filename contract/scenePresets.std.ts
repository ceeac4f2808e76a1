import { portraitFromLandscape } from './sceneLayout.std';
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
// renderer (random ids) and tests (fixed ids). Each factory takes the 16:9 place and, optionally,
// the 9:16 one; without it the portrait place keeps the source's shape (portraitFromLandscape).

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
  photo: null, variants: [],
};

export function cameraSource(id: string, rect: Rect = FULL_FRAME, portraitRect = portraitFromLandscape(rect)): SourceOf<'camera'> {
  return {
    id,
    name: 'Camera',
    kind: 'camera',
    visible: true,
    rect,
    portraitRect,
    deviceId: null,
    captureWidth: 1280,
    captureHeight: 720,
    captureFps: 30,
    mirrorPreview: true,
    fit: 'cover',
  };
}

export function screenSource(id: string, rect: Rect = FULL_FRAME, portraitRect = portraitFromLandscape(rect)): SourceOf<'screen'> {
  return { id, name: 'Screen', kind: 'screen', visible: true, rect, portraitRect, fit: 'contain' };
}

export function productCardSource(id: string, product: Product, rect: Rect, portraitRect = portraitFromLandscape(rect)): SourceOf<'productCard'> {
  return { id, name: `Card: ${product.name}`.slice(0, 80), kind: 'productCard', visible: true, rect, portraitRect, product, countdownEndsAt: null };
}

export function textSource(id: string, text: string, rect: Rect, portraitRect = portraitFromLandscape(rect)): SourceOf<'text'> {
  return { id, name: 'Text', kind: 'text', visible: true, rect, portraitRect, text, fontSize: 36, color: '#ffffff', background: null, bold: true };
}

export function tickerSource(id: string, text: string, rect: Rect, portraitRect = portraitFromLandscape(rect)): SourceOf<'ticker'> {
  return {
    id,
    name: 'Ticker',
    kind: 'ticker',
    visible: true,
    rect,
    portraitRect,
    text,
    fontSize: 28,
    color: '#ffffff',
    background: '#000000aa',
    bold: false,
    speed: 120,
  };
}

/**
 * The 9:16 places are laid out for a phone, not squeezed from 16:9: the product card across the
 * picture below the middle (where the automatic "now explaining" card goes, above the pinned
 * comment), pictures stacked rather than side by side.
 */
export const portraitPlaces = {
  productCard: { x: 0.04, y: 0.5, width: 0.92, height: 0.19 },
  screenAbove: { x: 0, y: 0, width: 1, height: 0.42 },
  cameraBelow: { x: 0, y: 0.42, width: 1, height: 0.58 },
  topHalf: { x: 0, y: 0, width: 1, height: 0.5 },
  bottomHalf: { x: 0, y: 0.5, width: 1, height: 0.5 },
} as const satisfies Record<string, Rect>;

export function presetScene(preset: ScenePreset, newId: () => string): Scene {
  const scene = (sources: Scene['sources']): Scene => ({ id: newId(), name: presetNames[preset], preset, sources });
  switch (preset) {
    case 'camera':
      return scene([cameraSource(newId())]);
    case 'productCloseUp':
      return scene([
        cameraSource(newId()),
        productCardSource(newId(), sampleProduct, { x: 0.6, y: 0.52, width: 0.36, height: 0.4 }, portraitPlaces.productCard),
      ]);
    case 'screenWithCamera':
      return scene([
        screenSource(newId(), FULL_FRAME, portraitPlaces.screenAbove),
        cameraSource(newId(), { x: 0.72, y: 0.7, width: 0.26, height: 0.26 }, portraitPlaces.cameraBelow),
      ]);
    case 'sideBySide':
      return scene([
        cameraSource(newId(), { x: 0, y: 0.25, width: 0.5, height: 0.5 }, portraitPlaces.topHalf),
        screenSource(newId(), { x: 0.5, y: 0.25, width: 0.5, height: 0.5 }, portraitPlaces.bottomHalf),
      ]);
    case 'custom':
      return scene([]);
  }
}

export function defaultSceneCollection(newId: () => string): SceneCollection {
  const scenes = (['camera', 'productCloseUp', 'screenWithCamera', 'sideBySide'] as const).map((preset) => presetScene(preset, newId));
  return { version: SCENES_VERSION, scenes, activeSceneId: scenes[0]?.id ?? '', testPattern: false };
}
