import type { MessagePortMain } from 'electron';
import { EventEmitter } from 'node:events';
import type { MainToCoreMessage } from '../../contract/appProcess.std';
import type { EmbeddedRoom } from '../../contract/roomProcess.std';
import { createLogger, type LogRecord } from '../log/logger.std';
import { startCoreHost, type CoreChild, type CoreHostDeps } from './coreHost';

// Electron's objects as main's core host uses them, faked for tests under plain Node: a forked
// utilityProcess that records what main posts, and MessageChannelMain ports that record whether
// main ever listens on them.

export class FakePort {
  readonly listeners: string[] = [];
  started = false;
  constructor(readonly name: string) {}
  on(event: string): this {
    this.listeners.push(event);
    return this;
  }
  once(event: string): this {
    this.listeners.push(event);
    return this;
  }
  addListener(event: string): this {
    this.listeners.push(event);
    return this;
  }
  start(): void {
    this.started = true;
  }
  postMessage(): void {
    throw new Error('main posted on a port it handed over');
  }
  close(): void {}
}

export class FakeChannel {
  static made: FakeChannel[] = [];
  readonly port1: FakePort;
  readonly port2: FakePort;
  constructor() {
    const n = FakeChannel.made.length;
    this.port1 = new FakePort(`core-end-${n}`);
    this.port2 = new FakePort(`window-end-${n}`);
    FakeChannel.made.push(this);
  }
}

export class FakeChild extends EventEmitter implements CoreChild {
  readonly posted: { message: MainToCoreMessage; transfer: MessagePortMain[] }[] = [];
  killed = 0;
  postMessage(message: MainToCoreMessage, transfer: MessagePortMain[] = []): void {
    this.posted.push({ message, transfer });
  }
  kill(): boolean {
    this.killed += 1;
    return true;
  }
  /** The core process says what it would say over parentPort. */
  says(message: unknown): void {
    this.emit('message', message);
  }
  exits(code: number): void {
    this.emit('exit', code);
  }
}

export const testRoom: EmbeddedRoom = { state: 'starting', roomId: 'shop', token: 't'.repeat(32), roomUrl: null, watchUrl: null, videoReason: null, message: null, restarts: 0 };

export function hostSetup(dataDir: string, overrides: Partial<CoreHostDeps> = {}) {
  const children: FakeChild[] = [];
  const forks: { modulePath: string; args: string[] | undefined; options: unknown }[] = [];
  const roomListeners = new Set<(next: EmbeddedRoom) => void>();
  const opened: string[] = [];
  const revealed: string[] = [];
  const records: LogRecord[] = [];
  const window = { id: 9, received: [] as { channel: string; message: unknown; transfer: MessagePortMain[] }[] };
  FakeChannel.made = [];
  const host = startCoreHost({
    utilityProcess: {
      fork: (modulePath, args, options) => {
        forks.push({ modulePath, args, options });
        const child = new FakeChild();
        children.push(child);
        return child;
      },
    },
    MessageChannelMain: FakeChannel as unknown as CoreHostDeps['MessageChannelMain'],
    entry: '/app/dist/main/appCore.node.js',
    dataDir,
    rendererDir: '/app/dist/renderer',
    packaged: false,
    room: {
      current: () => testRoom,
      subscribe: (listener) => {
        roomListeners.add(listener);
        return () => roomListeners.delete(listener);
      },
    },
    shell: {
      openExternal: (url) => {
        opened.push(url);
        return Promise.resolve();
      },
      openPath: (folder) => {
        revealed.push(folder);
        return Promise.resolve('');
      },
    },
    portChannel: 'shopcast:core:port',
    schedule: () => () => undefined,
    log: createLogger((record) => records.push(record)),
    ...overrides,
  });
  const target = { id: window.id, postMessage: (channel: string, message: unknown, transfer: MessagePortMain[]) => window.received.push({ channel, message, transfer }) };
  const child = (index = children.length - 1) => {
    const found = children[index];
    if (!found) throw new Error(`no child #${index}`);
    return found;
  };
  return { host, children, child, forks, roomListeners, opened, revealed, records, window, target };
}

