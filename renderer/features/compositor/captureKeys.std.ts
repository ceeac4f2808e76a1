import type { SceneCollection, Source } from '../../../contract/schemas/scene.std';

export type VideoSource = Extract<Source, { kind: 'camera' | 'screen' }>;

/** One capture serves every source that asks for the same device and format. */
export function captureKey(source: VideoSource): string {
  return source.kind === 'screen'
    ? 'screen'
    : `camera:${source.deviceId ?? 'default'}:${source.captureWidth}x${source.captureHeight}@${source.captureFps}`;
}

export function isVideoSource(source: Source): source is VideoSource {
  return source.kind === 'camera' || source.kind === 'screen';
}

/**
 * Every capture any scene needs, so switching scenes on air is instant: cameras stay open across
 * scenes. Values: the source ids that use each capture.
 */
export function capturesNeeded(collection: SceneCollection): Map<string, { source: VideoSource; sourceIds: string[] }> {
  const needed = new Map<string, { source: VideoSource; sourceIds: string[] }>();
  for (const scene of collection.scenes) {
    for (const source of scene.sources) {
      if (!isVideoSource(source)) continue;
      const key = captureKey(source);
      const entry = needed.get(key) ?? { source, sourceIds: [] };
      entry.sourceIds.push(source.id);
      needed.set(key, entry);
    }
  }
  return needed;
}
