import { z } from 'zod';
import { settingsSchema } from './schemas/settings.std';
import { studioStatusSchema } from './schemas/status.std';
import { noticeSchema } from './schemas/notice.std';
import { sceneCollectionSchema } from './schemas/scene.std';
import { liveLayersSchema } from './schemas/liveLayers.std';
import { destinationSchema } from './schemas/destination.std';
import { liveSessionSchema } from './schemas/live.std';
import { panelEventSchema } from './schemas/panel.std';
import { catalogueSchema } from './schemas/catalogue.std';
import { staffStateSchema } from './schemas/staff.std';
import { orderWebhookStateSchema } from './schemas/fulfilment.std';
import { exportJobSchema, showSummarySchema } from './schemas/replay.std';

/** Every event the core pushes to its renderers, by channel name. */
export const eventChannels = {
  status: studioStatusSchema,
  settings: settingsSchema,
  notice: noticeSchema,
  scenes: sceneCollectionSchema,
  liveLayers: liveLayersSchema,
  live: liveSessionSchema,
  destinations: z.array(destinationSchema),
  /** The live panel's updates, at most ten a second (contract/schemas/panel.std.ts). */
  panel: panelEventSchema,
  catalogue: catalogueSchema,
  /** The order webhook's delivery: sending, waiting, failing (at most four a second). */
  orderWebhook: orderWebhookStateSchema,
  staff: staffStateSchema,
  /** The replay library after a change (a show ended, renamed, deleted, repaired, an export done). */
  library: z.array(showSummarySchema),
  /** Background exports, at most a few times a second while they run. */
  exports: z.array(exportJobSchema),
} as const;

export type EventChannel = keyof typeof eventChannels;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

export function isEventChannel(name: string): name is EventChannel {
  return Object.hasOwn(eventChannels, name);
}
