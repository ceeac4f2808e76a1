import type { EventChannel } from './events.std';
import type { RequestChannel } from './requests.std';

// Electron IPC names, derived from the contract so preload and main cannot disagree.
export const ipcRequestChannel = (channel: RequestChannel) => `shopcast:request:${channel}`;
export const ipcEventChannel = (event: EventChannel) => `shopcast:event:${event}`;
export const IPC_MEDIA_OPEN = 'shopcast:media:open';
/** window.postMessage tag the preload uses to hand the media MessagePort to the page. */
export const MEDIA_PORT_MESSAGE = 'shopcast:media-port';
