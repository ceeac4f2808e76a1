import type { ForkOptions, MessagePortMain } from 'electron';
import { realpath } from 'node:fs/promises';
import { z } from 'zod';
import path from 'node:path';
import {
  coreToMainMessageSchema,
  mediaFileAnswerSchema,
  type CorePortKind,
  type CoreStopped,
  type MainToCoreMessage,
  type MediaFileAnswer,
  type CoreAsk,
  type ShellAsk,
} from '../../contract/appProcess.std';
import type { EmbeddedRoomWatch } from '../../contract/roomProcess.std';
import { answerAsk, createPendingAsks } from '../appCore/pendingAsks.std';
import { isAllowedExternalUrl } from '../security/externalLinks.std';
import type { Logger } from '../log/logger.std';

// Main's side of the core process (main/appCore.node.ts): forks it, tells it where the room is,
// hands it one end of each MessageChannelMain the window asks for, and does for it what only main
// can (Electron's shell). Main never listens on a port it hands over: the window's calls, events
// and media frames go straight to the core process. Electron types only, so a unit test can drive
// it with fakes (coreHost.test.ts).

/** A forked utilityProcess, as far as this file uses it. */
export interface CoreChild {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: MainToCoreMessage, transfer?: MessagePortMain[]): void;
  kill(): boolean;
}

/** Where the window's end of a pair goes: its webContents (`postMessage(channel, message, transfer)`). */
export interface PortTarget {
  readonly id: number;
  postMessage(channel: string, message: unknown, transfer: MessagePortMain[]): void;
}

export interface CoreHostDeps {
  utilityProcess: { fork(modulePath: string, args?: string[], options?: ForkOptions): CoreChild };
  MessageChannelMain: new () => { port1: MessagePortMain; port2: MessagePortMain };
  /** The built core entry (dist/main/appCore.node.js). */
  entry: string;
  dataDir: string;
  rendererDir: string;
  packaged: boolean;
  /** The studio's own room, as main's supervisor sees it. */
  room: EmbeddedRoomWatch;
  shell: { openExternal(url: string): Promise<void>; openPath(folder: string): Promise<string> };
  /** The IPC channel the window's end arrives on. */
  portChannel: string;
  schedule: (ms: number, run: () => void) => () => void;
  log: Logger;
}

export interface CoreHost {
  /** Creates a pair, posts one end to the core process and the other to `target`; false (and nothing posted) when the core is not running. */
  handOver(kind: CorePortKind, target: PortTarget): boolean;
  /** Forks the core again if it stopped; resolves once it is ready, rejects if it stops first. */
  restart(): Promise<void>;
  /** A replay's file, as the core's library allows it, for app://studio/replay-media/…. */
  mediaFile(showId: string, file: string): Promise<MediaFileAnswer>;
  /** The orders' CSV, made by the core when asked, for app://studio/orders.csv. */
  ordersCsv(): Promise<string>;
  /** Why the core is not running, or null while it runs (or starts). */
  stopped(): CoreStopped | null;
  onStopped(listener: (stopped: CoreStopped) => void): () => void;
  /** Stops the core process for good (on quit). */
  stop(): Promise<void>;
}

/** How long a core asked to stop has before main stops waiting (the app quits anyway). */
const STOP_WAIT_MS = 3000;

export function stoppedMessage(code: number | null): string {
  if (code === null) return "Shopcast's engine could not be started.";
  // The exit code goes to the log (and CoreStopped.code), not into the merchant's sentence.
  return code === 0 ? "Shopcast's engine stopped." : "Shopcast's engine stopped unexpectedly.";
}

export function startCoreHost(deps: CoreHostDeps): CoreHost {
  const { log } = deps;
  const recordingsDir = path.resolve(deps.dataDir, 'recordings');
  const stopListeners = new Set<(stopped: CoreStopped) => void>();
  let child: CoreChild | null = null;
  let lastStop: CoreStopped | null = null;
  let quitting = false;
  let ready: Promise<void> = Promise.resolve();
  let exited: Promise<void> = Promise.resolve();
  const post = (message: MainToCoreMessage) => child?.postMessage(message);
  const mediaAsks = createPendingAsks<CoreAsk>(post);

  const onShellAsk = async (ask: ShellAsk): Promise<void> => {
    if (ask.kind === 'open-external') {
      if (!isAllowedExternalUrl(ask.url)) {
        log.warn('refused to open a link the core asked for', { url: ask.url.slice(0, 200) });
        throw new Error('Shopcast opens only https links it knows.');
      }
      await deps.shell.openExternal(ask.url); /* eng-disable OPEN_EXTERNAL_JS_CHECK: only allow-listed https URLs, checked just above */
      return;
    }
    if (!(await isInside(recordingsDir, ask.folder))) {
      log.warn('refused to reveal a folder outside the recordings', { folder: ask.folder.slice(0, 300) });
      throw new Error('Shopcast opens only the folders of its own recordings.');
    }
    const failure = await deps.shell.openPath(ask.folder);
    if (failure !== '') throw new Error(failure);
  };

  const fork = () => {
    const forked = deps.utilityProcess.fork(deps.entry, [], { serviceName: 'Shopcast engine', stdio: 'inherit' });
    child = forked;
    lastStop = null;
    let markReady: () => void = () => {};
    let markFailed: (error: Error) => void = () => {};
    ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    // Nobody may be waiting: a core that dies unasked is reported through onStopped.
    ready.catch(() => undefined);
    exited = new Promise<void>((resolve) => {
      forked.on('exit', (code) => {
        resolve();
        if (child !== forked) return;
        child = null;
        mediaAsks.failAll("Shopcast's engine stopped.");
        markFailed(new Error(stoppedMessage(code)));
        if (quitting) return;
        lastStop = { code, message: stoppedMessage(code) };
        log.error('the core process stopped', { code });
        for (const listener of stopListeners) listener(lastStop);
      });
    });
    forked.on('message', (message) => {
      const parsed = coreToMainMessageSchema.safeParse(message);
      if (!parsed.success) {
        log.warn('an invalid message from the core process was ignored');
        return;
      }
      const received = parsed.data;
      if (received.type === 'core-ready') markReady();
      else if (received.type === 'answer') mediaAsks.settle(received);
      // Answered to the process that asked: a core forked since numbers its asks from 0 again.
      else
        answerAsk(received.id, () => onShellAsk(received.ask), (answer) => {
          if (child === forked) forked.postMessage(answer);
        });
    });
    forked.postMessage({ type: 'init', dataDir: deps.dataDir, rendererDir: deps.rendererDir, packaged: deps.packaged, room: deps.room.current() });
  };

  const unfollowRoom = deps.room.subscribe((room) => post({ type: 'room', room }));
  fork();

  return {
    handOver(kind, target) {
      const running = child;
      if (!running) return false;
      const { port1, port2 } = new deps.MessageChannelMain();
      running.postMessage({ type: 'port', kind, windowId: target.id }, [port1]);
      target.postMessage(deps.portChannel, { kind }, [port2]);
      return true;
    },
    restart() {
      if (quitting) return Promise.reject(new Error('Shopcast is quitting.'));
      if (!child) {
        log.info('restarting the core process');
        fork();
      }
      return ready;
    },
    async mediaFile(showId, file) {
      const answer = mediaFileAnswerSchema.parse(await mediaAsks.ask({ kind: 'media-file', showId, file }));
      // The core's library checked it; main serves only what is under the recordings all the same.
      if (!(await isInside(recordingsDir, answer.path))) throw new Error('That file is not one of the recordings.');
      return answer;
    },
    async ordersCsv() {
      return z.string().parse(await mediaAsks.ask({ kind: 'orders-csv' }));
    },
    stopped: () => lastStop,
    onStopped(listener) {
      stopListeners.add(listener);
      return () => stopListeners.delete(listener);
    },
    async stop() {
      quitting = true;
      unfollowRoom();
      const running = child;
      if (!running) return;
      running.kill();
      await new Promise<void>((resolve) => {
        const cancel = deps.schedule(STOP_WAIT_MS, resolve);
        void exited.then(() => {
          cancel();
          resolve();
        });
      });
    },
  };
}

/** Whether `target` is strictly inside `folder`, by its path and by the real paths (no link out). */
export async function isInside(folder: string, target: string): Promise<boolean> {
  const within = (root: string, candidate: string) => {
    const relative = path.relative(root, candidate);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  if (!path.isAbsolute(target) || !within(folder, path.resolve(target))) return false;
  const [realFolder, realTarget] = await Promise.all([realpath(folder).catch(() => null), realpath(target).catch(() => null)]);
  return realFolder !== null && realTarget !== null && within(realFolder, realTarget);
}
