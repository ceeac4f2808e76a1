import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnStudio, type SpawnedStudio } from '../main/studio/spawnStudio.node';

export type StudioProcess = SpawnedStudio & { dataDir: string };

export const tempDataDir = () => mkdtemp(path.join(os.tmpdir(), 'shopcast-e2e-'));

/** The built `npm run studio` entry with its own data folder. */
export async function startStudio(dataDir: string): Promise<StudioProcess> {
  return { ...(await spawnStudio('dist/main/studio.node.js', dataDir)), dataDir };
}
