import type { MessagePortMain } from 'electron';
import { coreToMainMessageSchema, mainToCoreMessageSchema, type CoreToMainMessage, type MainToCoreMessage, type ShellAsk } from '../../contract/appProcess.std';
import type { EmbeddedRoom, EmbeddedRoomWatch } from '../../contract/roomProcess.std';
import type { Dispatch, Sender } from '../kernel/dispatcher.std';
import type { EventHub } from '../kernel/eventHub.std';
import { serveContractFrames } from '../kernel/contractFrames.std';
import type { Logger } from '../log/logger.std';
import type { MediaIngest } from '../media/mediaIngest.std';
import { serveMediaPort } from '../media/mediaPort.node';
import type { ReplayDesk } from '../replay/replayDesk.node';
import { answerAsk, createPendingAsks } from './pendingAsks.std';

// The core process's side of the Electron app (entry: main/appCore.node.ts). Main sends `init`
// once, the room's changes, and the ports it hands over; from then on the window's calls, events
// and media frames go over those ports straight to this process, never through main. Electron
// types only: `process.parentPort` and the ports come in as arguments.

/** `process.parentPort` in an Electron utilityProcess, as far as this file uses it. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: MessagePortMain[] }) => void): unknown;
  postMessage(message: CoreToMainMessage): void;
}

export type CoreInit = Extract<MainToCoreMessage, { type: 'init' }>;

/** What main's shell does for the core (it is main-only in Electron). */
export interface ShellRelay {
  openExternal(url: string): Promise<void>;
  revealFolder(folder: string): Promise<void>;
}

/** The parts of the core the ports reach. */
export interface PortedCore {
  dispatch: Dispatch;
  events: EventHub;
  media: MediaIngest;
  replay: Pick<ReplayDesk, 'mediaFile'>;
  orders: { csv(): string };
}

export interface CoreProcessDeps {
  parentPort: ParentPortLike;
  /** Creates the core (createCore + the staff console) once main's `init` arrived. */
  start(init: CoreInit, room: EmbeddedRoomWatch, shell: ShellRelay): Promise<PortedCore>;
  log: Logger;
}

export interface CoreProcess {
  /** Resolves once the core runs; rejects if it could not start. */
  readonly ready: Promise<void>;
}

export function serveCoreProcess(deps: CoreProcessDeps): CoreProcess {
  const { parentPort, log } = deps;
  const post = (message: CoreToMainMessage) => parentPort.postMessage(coreToMainMessageSchema.parse(message));
  const shellAsks = createPendingAsks<ShellAsk>(post);
  const shell: ShellRelay = {
    openExternal: async (url) => void (await shellAsks.ask({ kind: 'open-external', url })),
    revealFolder: async (folder) => void (await shellAsks.ask({ kind: 'reveal-folder', folder })),
  };
  let core: PortedCore | null = null;
  // Ports handed over before the core is created wait here (the window may ask at once).
  const waiting: { kind: 'api' | 'media'; windowId: number; port: MessagePortMain }[] = [];
  let room: EmbeddedRoom | null = null;
  const roomListeners = new Set<(room: EmbeddedRoom) => void>();
  const roomWatch: EmbeddedRoomWatch = {
    current: () => {
      if (!room) throw new Error('The room is read before main said where it is.');
      return room;
    },
    subscribe(listener) {
      roomListeners.add(listener);
      return () => roomListeners.delete(listener);
    },
  };
  let resolveReady: () => void = () => {};
  let rejectReady: (error: unknown) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  let initialised = false;

  const serve = (running: PortedCore, kind: 'api' | 'media', windowId: number, port: MessagePortMain) => {
    const id = `window:${windowId}`;
    if (kind === 'media') {
      serveMediaPort(port, running.media, id);
      return;
    }
    const sender: Sender = { transport: 'ipc', id, role: 'host', name: 'Host' };
    const served = serveContractFrames((text) => port.postMessage(text), sender, running.dispatch, running.events, log);
    port.on('message', ({ data }) => served.receive(data));
    port.on('close', () => served.close());
    port.start();
  };

  const onMessage = (message: MainToCoreMessage, ports: MessagePortMain[]) => {
    switch (message.type) {
      case 'init': {
        if (initialised) {
          log.warn('a second init from main was ignored');
          return;
        }
        initialised = true;
        room = message.room;
        deps.start(message, roomWatch, shell).then(
          (started) => {
            core = started;
            for (const handed of waiting.splice(0)) serve(started, handed.kind, handed.windowId, handed.port);
            post({ type: 'core-ready' });
            resolveReady();
          },
          (error: unknown) => rejectReady(error),
        );
        return;
      }
      case 'room':
        room = message.room;
        for (const listener of roomListeners) listener(message.room);
        return;
      case 'port': {
        const [port] = ports;
        if (!port || ports.length !== 1) {
          log.warn('a port message without exactly one port was ignored', { ports: ports.length });
          return;
        }
        if (core) serve(core, message.kind, message.windowId, port);
        else waiting.push({ kind: message.kind, windowId: message.windowId, port });
        return;
      }
      case 'ask': {
        const { ask } = message;
        answerAsk(
          message.id,
          async () => {
            if (!core) throw new Error('The core is still starting.');
            return ask.kind === 'media-file' ? core.replay.mediaFile(ask.showId, ask.file) : core.orders.csv();
          },
          post,
        );
        return;
      }
      case 'answer':
        shellAsks.settle(message);
        return;
      default: {
        const unknownType: never = message;
        log.warn('unknown message from main', { message: unknownType });
      }
    }
  };

  parentPort.on('message', (event) => {
    const parsed = mainToCoreMessageSchema.safeParse(event.data);
    if (!parsed.success) {
      log.warn('an invalid message from main was ignored', { issues: parsed.error.issues.length });
      for (const port of event.ports) port.close();
      return;
    }
    onMessage(parsed.data, event.ports);
  });

  return { ready };
}
