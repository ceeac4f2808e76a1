import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { RefusedError } from '../../contract/envelope.std';
import { ffmpegStaticPathFrom, isExecutableFile, locateFfmpeg } from '../ffmpeg/ffmpegLocator.node';
import { probeFfmpeg } from '../ffmpeg/ffmpegProbe.node';
import { runPreflight } from '../live/preflight.std';
import { preflightFromStores } from './preflightFromStores.node';
import { pushTargetsFrom } from './pushTargets.node';
import { startProcessStatus } from './processStatus.node';
import type { Logger } from '../log/logger.std';
import { createMediaIngest, type MediaIngest } from '../media/mediaIngest.std';
import { createNoticeBoard } from '../notices/noticeBoard.std';
import { openSettingsStore } from '../settings/settingsStore.node';
import { createDispatcher, type Dispatch } from '../kernel/dispatcher.std';
import { createEventHub, type EventHub } from '../kernel/eventHub.std';
import { openSceneStore } from '../scenes/sceneStore.node';
import { createLiveLayersState } from '../liveLayers/liveLayersState.std';
import { randomUUID } from 'node:crypto';
import { isAllowedExternalUrl } from '../security/externalLinks.std';
import type { EmbeddedRoomWatch } from '../../contract/roomProcess.std';
import { qrCodeSvg } from '../network/qrCode.node';
import { roomSocketUrl } from '../roomLink/liveRoomInfo.std';
import { linkStudioRoom } from '../roomLink/studioRoomLink.node';
import { createStaffDesk, type StaffDesk } from '../staff/staffDesk.std';
import type { StaffRegistry } from '../staff/staffRegistry.std';
import { systemStaffRegistry } from '../staff/systemStaffRegistry.node';
import { createLiveController } from '../live/liveController.node';
import { createRtmpTester } from '../live/destinationTest.node';
import { createProgramRate } from '../live/programRate.std';
import { createEncoderChooser } from '../live/encoderChoice.node';
import { randomInt } from 'node:crypto';
import { spawn } from 'node:child_process';
import { openDestinationStore } from '../destinations/destinationStore.node';
import { openSecretBox, type KeyWrapping } from '../destinations/secretBox.node';
import WebSocket from 'ws';
import type { RoomSocket } from '../../contract/room/roomClient.std';
import { connectRoomFeed } from '../panel/roomFeed.node';
import { openShowLibrary, type ShowLibrary } from '../replay/showLibrary.node';
import { createReplayDesk, type ReplayDesk } from '../replay/replayDesk.node';
import { repairNotice } from '../ffmpeg/showRepair.node';
import { createPanelActions } from '../panel/panelActions.std';
import { createShowTimeline } from '../ffmpeg/showTimelineWriter.node';
import { openCatalogueStore } from '../products/catalogueStore.node';
import { catalogueFollowsRoom } from '../products/roomStock.std';
import { openOrderBook } from '../fulfilment/orderBook.node';
import { createFulfilmentDesk, type FulfilmentDesk } from '../fulfilment/fulfilmentDesk.node';
import { createShowTally } from '../panel/showTally.std';
import { createShowLifecycle } from './showLifecycle.std';

export interface CoreDeps {
  dataDir: string;
  log: Logger;
  env: NodeJS.ProcessEnv;
  requireModule: (id: string) => unknown;
  /**
   * The studio's own live room, the default destination: a room server in its own process
   * (main/roomProcess/), reached only by the room protocol and the broadcaster API, as a room
   * on a shop's server is. Without it the panel says there is no room.
   */
  room?: EmbeddedRoomWatch;
  /** Opens an allow-listed https URL in the system browser; absent where the core can't (plain Node). */
  openExternal?: (url: string) => Promise<void>;
  /** Wraps `secret.key` at rest (Electron's safeStorage at the edge); a plain 0600 file without it. */
  secretKeyWrapping?: KeyWrapping;
  /** Who may open a staff console (main/staff/); a registry on the real clock without it. */
  staff?: StaffRegistry;
  /** Opens a show's folder in the file manager (Electron's shell at the edge). */
  revealFolder?: (folder: string) => Promise<void>;
}

export interface Core {
  dispatch: Dispatch;
  events: EventHub;
  media: MediaIngest;
  /** Staff consoles: the registry and where the console server listens (main/staff/staffServer.node.ts). */
  staff: StaffDesk;
  /** Shows a crash interrupted, repaired in the background after start: settles when they all are. */
  repairs: ReturnType<ShowLibrary['repairInterrupted']>;
  /** The replay library's calls, and its media files for the player (served by the edges). */
  replay: ReplayDesk;
  /** The orders' CSV download (served by the edges at ORDERS_CSV_PATH). */
  orders: Pick<FulfilmentDesk, 'csv'>;
  close(): void;
}

/** The composition root of the Node core: the same for the Electron app and the browser studio. */
export async function createCore(deps: CoreDeps): Promise<Core> {
  const { log } = deps;
  const events = createEventHub((error) => log.error('event listener failed', { error }));
  const notices = createNoticeBoard(events, Date.now);
  const settings = await openSettingsStore({
    fs,
    filePath: path.join(deps.dataDir, 'settings.json'),
    log: log.child('settings'),
    now: () => new Date(),
    warn: (message) => notices.post('warning', message),
  });
  const scenes = await openSceneStore({
    fs,
    filePath: path.join(deps.dataDir, 'scenes.json'),
    log: log.child('scenes'),
    now: () => new Date(),
    warn: (message) => notices.post('warning', message),
    newId: randomUUID,
  });
  // One box for every secret at rest: two would race to create secret.key on a first start.
  const secrets = openSecretBox({ fs, keyPath: path.join(deps.dataDir, 'secret.key'), log: log.child('secrets'), ...(deps.secretKeyWrapping ? { wrapping: deps.secretKeyWrapping } : {}) });
  const destinations = await openDestinationStore({
    fs,
    filePath: path.join(deps.dataDir, 'destinations.json'),
    log: log.child('destinations'),
    now: () => new Date(),
    warn: (message) => notices.post('warning', message),
    newId: randomUUID,
    secrets,
  });
  const schedule = (ms: number, run: () => void) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  };
  const fulfilment = createFulfilmentDesk({
    book: openOrderBook(path.join(deps.dataDir, 'orders.sqlite')),
    secrets,
    fetch,
    now: Date.now,
    schedule,
    random: Math.random,
    log: log.child('orders'),
    emit: (state) => events.emit('orderWebhook', state),
  });
  const catalogue = await openCatalogueStore({
    fs,
    filePath: path.join(deps.dataDir, 'catalogue.json'),
    log: log.child('catalogue'),
    now: () => new Date(),
    warn: (message) => notices.post('warning', message),
    newId: randomUUID,
    schedule,
    onChange: (next) => events.emit('catalogue', next),
  });
  const tally = createShowTally();
  // The promotion is read when a show starts, long after the room link below exists.
  const timeline = createShowTimeline({ appendFile: (file, text) => fs.appendFile(file, text, 'utf8'), schedule, now: Date.now, log: log.child('timeline'), promotion: () => roomLink.panel.lookup.promotion() });
  const staff = createStaffDesk({ registry: deps.staff ?? systemStaffRegistry(), events, qrSvg: qrCodeSvg, notice: (message) => notices.post('warning', message) });
  const liveLayers = createLiveLayersState(events, (ms, run) => setTimeout(run, ms).unref());
  const media = createMediaIngest({ log: log.child('media'), nowMs: () => performance.now() });
  const status = startProcessStatus(events, media);
  const roomLink = linkStudioRoom({
    room: deps.room,
    connect: (room) =>
      connectRoomFeed({
        url: roomSocketUrl(room.roomUrl),
        token: room.token,
        actor: 'host',
        log: log.child('panel'),
        openSocket: (url) => new WebSocket(url) as unknown as RoomSocket,
        newClientId: randomUUID,
        schedule,
        now: Date.now,
        layers: liveLayers,
        photoOf: (productId) => catalogue.get().products.find((product) => product.id === productId)?.photo ?? null,
        onEvent: (event) => events.emit('panel', event),
        purchaseToast: () => settings.get().livePanel.purchaseToast,
        onLiveStock: catalogueFollowsRoom(catalogue),
        onRoomEvents: (roomEvents) => fulfilment.record(roomEvents),
        onLiveEvents: (roomEvents) => {
          timeline.record(roomEvents);
          tally.record(roomEvents);
        },
      }),
    qrCodeSvg,
    notice: (level, message) => notices.post(level, message),
  });
  const panel = roomLink.panel;
  const liveRoom = () => roomLink.info();
  const panelActions = createPanelActions({
    feed: panel,
    catalogue,
    livePanel: () => settings.get().livePanel,
    now: Date.now,
    formatTime: (ms) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }),
    log: log.child('panel'),
  });
  const findFfmpeg = () =>
    locateFfmpeg({
      env: deps.env,
      ffmpegStaticPath: ffmpegStaticPathFrom(deps.requireModule),
      isExecutable: isExecutableFile,
      platform: process.platform,
    });

  const ffmpegPath = async () => (await findFfmpeg())?.path ?? null;
  const chooseEncoder = createEncoderChooser({ spawn, probe: (binary) => probeFfmpeg(binary, execFile) });
  const recordingsDir = path.join(deps.dataDir, 'recordings');
  const testRtmp = createRtmpTester({ spawn });
  const programRate = createProgramRate(() => performance.now());
  const sampleProgram = setInterval(() => {
    const stats = media.stats();
    programRate.sample(stats.framesPerSecond === null ? null : stats.framesReceived);
  }, 1000);
  sampleProgram.unref();
  const live = createLiveController({
    log: log.child('live'),
    spawn,
    now: Date.now,
    schedule,
    every: (ms, run) => {
      const timer = setInterval(run, ms);
      return () => clearInterval(timer);
    },
    randomUint32: () => randomInt(1, 2 ** 32 - 1),
    findFfmpeg: ffmpegPath,
    chooseEncoder,
    outputProfile: () => settings.get().outputProfile,
    setFrameSink: (sink) => media.setSink(sink ?? { write: () => {} }),
    latestVideoFrame: () => media.latestVideoFrame(),
    pushTargets: pushTargetsFrom({ settings, destinations, ownRoom: () => deps.room?.current(), liveRoom, notices }),
    recordingsDir,
    // The show's chapter marks are in its timeline file before its recording is joined with them.
    beforeJoin: () => timeline.flush(),
    onSession: (session) => {
      status.setLive(session);
      timeline.follow(session);
      events.emit('live', session);
    },
  });
  // A room back from a restart has lost the show's broadcaster: made anew now, not at the next check.
  roomLink.onRestarted(() => live.checkRooms());

  const library = openShowLibrary({
    recordingsDir,
    ffmpegPath,
    spawn,
    log: log.child('library'),
    now: Date.now,
    // The show being recorded, and being joined while it ends: never repaired, cut or deleted under the recorder.
    recordingShowId: () => {
      const session = live.session();
      return session.state === 'offline' || !session.recordingPath ? null : path.basename(session.recordingPath);
    },
  });
  const replay = createReplayDesk({
    library,
    events,
    ffmpegPath,
    spawn,
    log: log.child('exports'),
    now: Date.now,
    schedule,
    ...(deps.revealFolder ? { revealFolder: deps.revealFolder } : {}),
  });

  const show = createShowLifecycle({
    live,
    room: { act: (action) => panel.act(action), viewerCount: () => panel.state().viewerCount },
    tally,
    now: Date.now,
    schedule,
    log: log.child('live'),
    started: () => replay.changed(),
    ended: async (showId) => {
      // The replay's marks are in the file before the show is reported over.
      await Promise.all([timeline.flush(), catalogue.flush()]);
      if (showId) replay.showFinished(showId);
    },
  });

  const dispatch = createDispatcher(
    {
      getSettings: () => settings.get(),
      updateSettings: async (patch) => {
        const next = await settings.update(patch);
        events.emit('settings', next);
        return next;
      },
      getStatus: () => status.current(),
      getNotices: () => notices.recent(),
      runPreflight: () =>
        runPreflight({
          locateFfmpeg: findFfmpeg,
          probeFfmpeg: (binary) => probeFfmpeg(binary, execFile),
          mediaStats: () => media.stats(),
          recentProgramFps: () => programRate.framesPerSecond(),
          ...preflightFromStores({ settings, destinations, recordingsDir, log }),
          testRtmp,
          onAir: () => live.session().state !== 'offline',
          liveRoom: () => (settings.get().liveRoomEnabled ? liveRoom() : null),
          destinationCount: () => (settings.get().liveRoomEnabled && liveRoom().running ? 1 : 0) + destinations.list().filter((destination) => destination.enabled).length,
          platform: process.platform,
          words: () => ({
            lists: settings.get().livePanel,
            scenes: scenes.get(),
            products: catalogue.get().products,
          }),
        }).then((report) => {
          // The encoder's test encodes (half a second) run while the merchant reads the checks, so
          // pressing Start the show spawns FFmpeg at once; not during them, where they would take
          // the CPU the program's frame rate is measured on.
          void ffmpegPath().then((found) => (found === null ? null : chooseEncoder(found, settings.get().outputProfile)));
          return report;
        }),
      getScenes: () => scenes.get(),
      saveScenes: async (collection) => {
        const saved = await scenes.save(collection);
        events.emit('scenes', saved);
        return saved;
      },
      getMediaStats: () => media.stats(),
      getLiveRoom: () => liveRoom(),
      ...show.handlers,
      getLiveSession: () => live.session(),
      getLiveLayers: () => liveLayers.get(),
      updateLiveLayers: (patch) => liveLayers.update(patch),
      openExternal: async ({ url }) => {
        if (!isAllowedExternalUrl(url)) throw new RefusedError(`Shopcast only opens its own help pages, not ${url}.`);
        if (!deps.openExternal) return { opened: false };
        await deps.openExternal(url);
        return { opened: true };
      },
      getDestinations: () => destinations.list(),
      saveDestination: async (input) => {
        const saved = await destinations.save(input);
        events.emit('destinations', destinations.list());
        return saved;
      },
      removeDestination: async ({ id }) => {
        const remaining = await destinations.remove(id);
        events.emit('destinations', remaining);
        return remaining;
      },
      getPanel: () => panel.state(),
      panelAction: (action, sender) => panelActions.act(action, sender),
      getCatalogue: () => catalogue.get(),
      saveProduct: async (input, sender) => {
        const saved = await catalogue.save(input);
        const product = input.id === undefined ? saved.products.at(-1) : saved.products.find((candidate) => candidate.id === input.id);
        // Not awaited: the catalogue is saved whether or not the room answers.
        if (product) void panelActions.productsSaved([product], sender);
        return saved;
      },
      removeProduct: ({ id }) => catalogue.remove(id),
      importProductsCsv: async ({ csv }, sender) => {
        const result = await catalogue.importCsv(csv);
        if (result.updated > 0) void panelActions.productsSaved(result.catalogue.products, sender);
        return result;
      },
      setRunSheet: ({ productIds }) => catalogue.setRunSheet(productIds),
      getOrderWebhook: () => fulfilment.webhook(),
      saveOrderWebhook: (input) => fulfilment.saveWebhook(input),
      ...staff.handlers,
      ...replay.handlers,
    },
    log.child('dispatch'),
  );

  const ffmpeg = await findFfmpeg();
  if (ffmpeg) log.info('ffmpeg found', { ...ffmpeg });
  else notices.post('warning', 'FFmpeg was not found, so going live is not possible yet. Run "npm run setup" or set FFMPEG_PATH.');
  // Shows a crash or a power cut interrupted are repaired now, in the background, each with a notice.
  const repairs = library.repairInterrupted().then(
    (results) => {
      for (const { showId, repair, startedAt } of results) {
        notices.post(repair.repaired ? 'info' : 'warning', repairNotice(repair, startedAt));
        if (repair.repaired) replay.showFinished(showId);
      }
      return results;
    },
    (error: unknown) => {
      log.error('interrupted shows not repaired', { error });
      return [];
    },
  );

  return {
    dispatch,
    events,
    media,
    repairs,
    replay,
    staff,
    orders: fulfilment,
    close: () => {
      clearInterval(sampleProgram);
      staff.close();
      status.stop();
      show.close();
      roomLink.close();
      fulfilment.close();
      void catalogue.close();
      void timeline.flush();
      void live.stop();
    },
  };
}
