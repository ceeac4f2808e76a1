import type { OutcomeApi } from './api.std';

/** What the Electron preload exposes as `window.shopcast`. */
export interface ShopcastBridge extends OutcomeApi {
  /** Asks for a media MessagePort; it arrives as a window message tagged MEDIA_PORT_MESSAGE. */
  openMediaPort(): void;
}
