import { z } from 'zod';
import { settingsPatchSchema, settingsSchema } from './schemas/settings.std';
import { studioStatusSchema } from './schemas/status.std';
import { preflightReportSchema } from './schemas/preflight.std';
import { noticeSchema } from './schemas/notice.std';
import { sceneCollectionSchema } from './schemas/scene.std';
import { liveLayersPatchSchema, liveLayersSchema } from './schemas/liveLayers.std';
import { liveRoomInfoSchema } from './schemas/liveRoom.std';
import { destinationIdSchema, destinationInputSchema, destinationSchema } from './schemas/destination.std';
import { liveSessionSchema } from './schemas/live.std';
import { endLiveInputSchema, endLiveResultSchema } from './schemas/showResults.std';
import { panelActionResultSchema, panelActionSchema, panelStateSchema } from './schemas/panel.std';
import { catalogueSchema, csvImportResultSchema, csvImportSchema, productInputSchema } from './schemas/catalogue.std';
import { exportJobSchema, renameShowRequestSchema, showDetailSchema, showRequestSchema, showSummarySchema, startExportSchema } from './schemas/replay.std';
import { orderWebhookInputSchema, orderWebhookStateSchema } from './schemas/fulfilment.std';
import { staffPairingInputSchema, staffPairingSchema, staffStateSchema, whoAmISchema } from './schemas/staff.std';

const none = z.object({}).strict();

/**
 * Every request that crosses a process boundary (renderer → core), by channel name.
 * Preload, the WebSocket bridge and the renderer all derive their functions from this table.
 */
export const requestChannels = {
  getSettings: { input: none, output: settingsSchema },
  updateSettings: { input: settingsPatchSchema, output: settingsSchema },
  getStatus: { input: none, output: studioStatusSchema },
  getNotices: { input: none, output: z.array(noticeSchema) },
  runPreflight: { input: none, output: preflightReportSchema },
  getScenes: { input: none, output: sceneCollectionSchema },
  saveScenes: { input: sceneCollectionSchema, output: sceneCollectionSchema },
  getLiveLayers: { input: none, output: liveLayersSchema },
  updateLiveLayers: { input: liveLayersPatchSchema, output: liveLayersSchema },
  getMediaStats: {
    input: none,
    output: z.object({
      framesReceived: z.number(),
      audioChunksReceived: z.number(),
      framesDropped: z.number(),
      framesMalformed: z.number(),
      framesOutOfOrder: z.number(),
      bytesReceived: z.number(),
      framesPerSecond: z.number().nullable(),
      lastFrameAt: z.number().nullable(),
    }),
  },
  getLiveRoom: { input: none, output: liveRoomInfoSchema },
  /** Go Live: encode the program and push it to every destination; answers at once with `starting`. */
  goLive: { input: none, output: liveSessionSchema },
  /** End Live: the show stops, the room is told what Buy does now, and the show's results come back. */
  endLive: { input: endLiveInputSchema, output: endLiveResultSchema },
  getLiveSession: { input: none, output: liveSessionSchema },
  openExternal: {
    input: z.object({ url: z.string().max(2000) }).strict(),
    output: z.object({ opened: z.boolean() }),
  },
  // RTMP(S) destinations: stream keys go in through saveDestination and never come back out.
  getDestinations: { input: none, output: z.array(destinationSchema) },
  saveDestination: { input: destinationInputSchema, output: destinationSchema },
  removeDestination: { input: z.strictObject({ id: destinationIdSchema }), output: z.array(destinationSchema) },
  // The live panel: the studio's view of its own room, and the studio's actions in it.
  getPanel: { input: none, output: panelStateSchema },
  /** A refusal by the room (an unknown comment, a cancelled order…) comes back as `failed` with the room's sentence. */
  panelAction: { input: panelActionSchema, output: panelActionResultSchema },
  // Orders out to the shop's own system (contract/schemas/fulfilment.std.ts; the CSV is a download, ORDERS_CSV_PATH).
  getOrderWebhook: { input: none, output: orderWebhookStateSchema },
  /** Saves where orders are sent and the signing secret (sealed; never answered back); an empty url turns it off. */
  saveOrderWebhook: { input: orderWebhookInputSchema, output: orderWebhookStateSchema },
  // The product catalogue and the show's run-sheet (contract/schemas/catalogue.std.ts).
  getCatalogue: { input: none, output: catalogueSchema },
  saveProduct: { input: productInputSchema, output: catalogueSchema },
  removeProduct: { input: z.strictObject({ id: z.string().min(1).max(64) }), output: catalogueSchema },
  /** Imports the good rows and lists each bad one with its line and reason; nothing is lost either way. */
  importProductsCsv: { input: csvImportSchema, output: csvImportResultSchema },
  setRunSheet: { input: z.strictObject({ productIds: z.array(z.string().min(1).max(64)).max(1000) }), output: catalogueSchema },
  // Who is calling, and the staff consoles (contract/schemas/staff.std.ts; roles in contract/roles.std.ts).
  whoAmI: { input: none, output: whoAmISchema },
  /**
   * A staff console's page says it is up (rendered, not just connected): only then does the
   * host's Staff list count its window as connected. Refused to anyone but a console.
   */
  consoleReady: { input: none, output: none },
  getStaff: { input: none, output: staffStateSchema },
  createStaffPairing: { input: staffPairingInputSchema, output: staffPairingSchema },
  /** Ends a pairing or a paired console; its open windows are disconnected at once. */
  revokeStaff: { input: z.strictObject({ id: z.string().min(1).max(64) }), output: staffStateSchema },
  // The replay library (contract/schemas/replay.std.ts): shows, their player and their exports.
  listShows: { input: none, output: z.array(showSummarySchema) },
  getShow: { input: showRequestSchema, output: showDetailSchema },
  renameShow: { input: renameShowRequestSchema, output: showSummarySchema },
  /** Deletes the show's folder, recording, clips and exports; the renderer asks first. */
  deleteShow: { input: showRequestSchema, output: z.array(showSummarySchema) },
  /** Opens the show's folder in the file manager where the core can (Electron); answers the folder either way. */
  revealShow: { input: showRequestSchema, output: z.strictObject({ revealed: z.boolean(), folder: z.string() }) },
  /** Starts an export in the background and answers at once; its progress comes on the `exports` event. */
  startExport: { input: startExportSchema, output: exportJobSchema },
  cancelExport: { input: z.strictObject({ jobId: z.string().min(1).max(64) }), output: exportJobSchema },
  getExports: { input: none, output: z.array(exportJobSchema) },
} as const;

export type RequestChannel = keyof typeof requestChannels;
export type RequestInput<C extends RequestChannel> = z.input<(typeof requestChannels)[C]['input']>;
export type RequestOutput<C extends RequestChannel> = z.output<(typeof requestChannels)[C]['output']>;

export function isRequestChannel(name: string): name is RequestChannel {
  return Object.hasOwn(requestChannels, name);
}
