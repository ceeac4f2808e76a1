import { portraitFromLandscape } from '../../contract/sceneLayout.std';
import { rectSchema } from '../../contract/schemas/scene.std';
import type { DocumentMigrations } from '../persistence/documentVersions.std';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * 1 → 2: every source gains a 9:16 place of its own, derived from its one shared rect so that a
 * saved show looks in a vertical output as its 16:9 layout did, unstretched. A source whose rect
 * is not a valid rect is left as it was, for the schema to refuse with the reason.
 */
function addPortraitRects(document: Record<string, unknown>): Record<string, unknown> {
  const { scenes } = document;
  if (!Array.isArray(scenes)) return document;
  const withPortrait = (source: unknown): unknown => {
    if (!isRecord(source)) return source;
    const rect = rectSchema.safeParse(source['rect']);
    return rect.success ? { ...source, portraitRect: portraitFromLandscape(rect.data) } : source;
  };
  return {
    ...document,
    scenes: scenes.map((scene: unknown) => (isRecord(scene) && Array.isArray(scene['sources']) ? { ...scene, sources: scene['sources'].map(withPortrait) } : scene)),
  };
}

/** migrations[n] turns a version-n scenes document into a version-(n+1) one. */
export const sceneMigrations: DocumentMigrations = { 1: addPortraitRects };
