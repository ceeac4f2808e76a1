import fs from 'node:fs/promises';
import type { PreflightDeps } from '../live/preflight.std';
import { uplinkCheck } from '../live/uplinkCheck.std';
import { measureUplinkKbps } from '../live/uplinkProbe.node';
import { outputProfileSpec, rtmpKbps, sfuKbps } from '../ffmpeg/outputProfiles.std';
import type { DestinationStore } from '../destinations/destinationStore.node';
import type { SettingsStore } from '../settings/settingsStore.node';
import type { Logger } from '../log/logger.std';

// What the pre-flight reads from the studio's stores: the output's frame rate, the RTMP(S)
// destinations to test with their full URLs, the upload the show needs against the one measured,
// and the free space where shows are recorded.

export interface PreflightStoresDeps {
  settings: SettingsStore;
  destinations: DestinationStore;
  recordingsDir: string;
  log: Logger;
}

export function preflightFromStores({ settings, destinations, recordingsDir, log }: PreflightStoresDeps): Pick<PreflightDeps, 'targetFps' | 'rtmpDestinations' | 'upload' | 'recordingSpace'> {
  return {
    targetFps: () => outputProfileSpec(settings.get().outputProfile).framesPerSecond,
    rtmpDestinations: () =>
      Promise.all(
        destinations
          .list()
          .filter((destination) => destination.enabled && destination.platform !== 'shopcast-room')
          .map(async ({ id, name }) => {
            try {
              return { id, name, url: await destinations.streamUrl(id), problem: null };
            } catch (error) {
              return { id, name, url: null, problem: error instanceof Error ? error.message : String(error) };
            }
          }),
      ),
    upload: async () => {
      const spec = outputProfileSpec(settings.get().outputProfile);
      const enabled = destinations.list().filter((destination) => destination.enabled);
      const outgoing = enabled.map((destination) => ({ name: destination.name, kbps: destination.platform === 'shopcast-room' ? sfuKbps(spec) : rtmpKbps(spec) }));
      const measured = await Promise.all(
        enabled
          .filter((destination) => destination.platform === 'shopcast-room')
          .map(async (destination) => ({
            name: destination.name,
            kbps: await destinations
              .streamKey(destination.id)
              .then((token) => measureUplinkKbps(destination.serverUrl, token ?? '', fetch))
              .catch(() => null),
          })),
      );
      return uplinkCheck(outgoing, measured);
    },
    recordingSpace: async () => {
      try {
        await fs.mkdir(recordingsDir, { recursive: true });
        const space = await fs.statfs(recordingsDir);
        return { folder: recordingsDir, freeBytes: space.bavail * space.bsize, kbps: rtmpKbps(outputProfileSpec(settings.get().outputProfile)) };
      } catch (error) {
        log.warn('free disk space not read', { error });
        return null;
      }
    },
  };
}
