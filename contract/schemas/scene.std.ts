import { z } from 'zod';
import { imageDataUrlSchema, productSchema } from './product.std';

/**
 * A source's place in the output, as fractions of the output's width and height, so a scene
 * keeps its layout at any output size of one aspect. Sources may hang over the edge (x < 0 or
 * x + width > 1).
 */
export const rectSchema = z
  .object({
    x: z.number().min(-1).max(2),
    y: z.number().min(-1).max(2),
    width: z.number().positive().max(3),
    height: z.number().positive().max(3),
  })
  .strict();
export type Rect = z.infer<typeof rectSchema>;

export const FULL_FRAME: Rect = { x: 0, y: 0, width: 1, height: 1 };

/** How a picture fills its rect: crop to fill (cover) or show whole with bars (contain). */
export const fitSchema = z.enum(['cover', 'contain']);
export type Fit = z.infer<typeof fitSchema>;

const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/, 'A colour is #rrggbb or #rrggbbaa.');

const base = {
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(80),
  visible: z.boolean(),
  /** The place in a 16:9 (landscape) output. */
  rect: rectSchema,
  /**
   * The place in a 9:16 (portrait) output: its own layout, since the same fractions of a tall
   * picture would stretch the source (a card 1.8× too tall, text 1.8× too big).
   */
  portraitRect: rectSchema,
};

export const cameraSourceSchema = z
  .object({
    ...base,
    kind: z.literal('camera'),
    /** null: the system's default camera. */
    deviceId: z.string().max(256).nullable(),
    captureWidth: z.number().int().min(160).max(3840),
    captureHeight: z.number().int().min(120).max(2160),
    captureFps: z.number().int().min(5).max(60),
    /** Mirrors the merchant's self-view only; viewers always get the true picture. */
    mirrorPreview: z.boolean(),
    fit: fitSchema,
  })
  .strict();

export const screenSourceSchema = z.object({ ...base, kind: z.literal('screen'), fit: fitSchema }).strict();

export const imageSourceSchema = z.object({ ...base, kind: z.literal('image'), image: imageDataUrlSchema, fit: fitSchema }).strict();

const textStyle = {
  /** In output pixels at 720 lines; scaled with the output. */
  fontSize: z.number().min(8).max(200),
  color: colorSchema,
  background: colorSchema.nullable(),
  bold: z.boolean(),
};

export const textSourceSchema = z.object({ ...base, kind: z.literal('text'), text: z.string().max(300), ...textStyle }).strict();

export const tickerSourceSchema = z
  .object({
    ...base,
    kind: z.literal('ticker'),
    text: z.string().max(1000),
    ...textStyle,
    /** Scroll speed in output pixels per second (at 720 lines). */
    speed: z.number().min(10).max(1000),
  })
  .strict();

export const productCardSourceSchema = z
  .object({
    ...base,
    kind: z.literal('productCard'),
    product: productSchema,
    /** Epoch ms the countdown ends at; null: no countdown on the card. */
    countdownEndsAt: z.number().nullable(),
  })
  .strict();

export const sourceSchema = z.discriminatedUnion('kind', [
  cameraSourceSchema,
  screenSourceSchema,
  imageSourceSchema,
  textSourceSchema,
  tickerSourceSchema,
  productCardSourceSchema,
]);
export type Source = z.infer<typeof sourceSchema>;
export type SourceKind = Source['kind'];
export type SourceOf<K extends SourceKind> = Extract<Source, { kind: K }>;
export type CameraSource = SourceOf<'camera'>;

export const MAX_SCENES = 50;
export const MAX_SOURCES_PER_SCENE = 32;

export const scenePresets = ['camera', 'productCloseUp', 'screenWithCamera', 'sideBySide', 'custom'] as const;
export type ScenePreset = (typeof scenePresets)[number];

export const sceneSchema = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(80),
    preset: z.enum(scenePresets),
    /** Bottom to top: later sources are drawn over earlier ones. */
    sources: z.array(sourceSchema).max(MAX_SOURCES_PER_SCENE),
  })
  .strict();
export type Scene = z.infer<typeof sceneSchema>;

// 2: each source has a portraitRect beside its (landscape) rect.
export const SCENES_VERSION = 2;

export const sceneCollectionSchema = z
  .object({
    version: z.literal(SCENES_VERSION),
    scenes: z.array(sceneSchema).min(1).max(MAX_SCENES),
    activeSceneId: z.string(),
    /** Stamp frame number and send time into the picture (for latency and drop measurements). */
    testPattern: z.boolean(),
  })
  .strict()
  .refine((collection) => collection.scenes.some((scene) => scene.id === collection.activeSceneId), {
    message: 'The active scene must be one of the scenes.',
    path: ['activeSceneId'],
  })
  .refine((collection) => new Set(collection.scenes.map((scene) => scene.id)).size === collection.scenes.length, {
    message: 'Scene ids must be unique.',
    path: ['scenes'],
  });
export type SceneCollection = z.infer<typeof sceneCollectionSchema>;
