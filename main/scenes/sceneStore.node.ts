import { defaultSceneCollection } from '../../contract/scenePresets.std';
import { SCENES_VERSION, sceneCollectionSchema, type SceneCollection } from '../../contract/schemas/scene.std';
import { readVersionedDocument } from '../persistence/documentVersions.std';
import { openJsonDocument, type NamingDocumentFileDeps } from '../persistence/jsonDocumentStore.node';
import { sceneMigrations } from './sceneMigrations.std';

export interface SceneStore {
  get(): SceneCollection;
  save(collection: SceneCollection): Promise<SceneCollection>;
}

/**
 * The show's scenes. Until the library (issue 7) names shows, there is one current show, whose
 * scenes live in `scenes.json` next to the settings.
 */
export async function openSceneStore(deps: NamingDocumentFileDeps): Promise<SceneStore> {
  const document = await openJsonDocument<SceneCollection>({
    ...deps,
    label: 'scenes',
    defaults: defaultSceneCollection(deps.newId),
    read: (parsed) => readVersionedDocument(parsed, sceneMigrations, SCENES_VERSION, sceneCollectionSchema, 'scenes'),
    validate: (value) => sceneCollectionSchema.parse(value),
  });
  return { get: () => document.get(), save: (collection) => document.update(() => collection) };
}
