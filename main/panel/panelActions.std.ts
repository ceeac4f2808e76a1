import { RefusedError } from '../../contract/envelope.std';
import { roomLimits, type FlashSale, type RoomProduct, type StudioAction } from '../../contract/room/roomMessages.std';
import type { Catalogue } from '../../contract/schemas/catalogue.std';
import type { PanelAction, PanelActionResult } from '../../contract/schemas/panel.std';
import type { Product } from '../../contract/schemas/product.std';
import type { LivePanelSettings } from '../../contract/schemas/settings.std';
import type { Sender } from '../kernel/dispatcher.std';
import type { Logger } from '../log/logger.std';
import { actorText, describeAction, flashSaleText } from './activityText.std';
import type { RoomFeed } from './roomFeed.node';

// The panel's actions as the core takes them: whoever acts (the host at the studio, a moderator
// at a staff console) is named on the room's action log and in the panel's activity log.
// Products reach the room from the catalogue — the product as the merchant keeps it, with the
// stock left — just before it is promoted; claim words come from the settings.

/** studioActionSchema's upsertProducts takes at most this many products. */
const ROOM_UPSERT_BATCH = 200;

export interface PanelActionsDeps {
  feed: Pick<RoomFeed, 'act' | 'lookup' | 'addActivity'>;
  catalogue: { get(): Catalogue };
  livePanel: () => LivePanelSettings;
  now: () => number;
  /** "20:15": a flash sale's end as the people at the controls read a clock. */
  formatTime: (ms: number) => string;
  log: Logger;
}

export interface PanelActions {
  act(action: PanelAction, sender: Pick<Sender, 'name' | 'role'>): Promise<PanelActionResult>;
  /**
   * A product the merchant just saved goes to the room too when the room already has it, so the
   * room's next stock event does not bring the old figure back into the catalogue. Never refuses:
   * without the room, the next promotion puts it there anyway.
   */
  /** Saved or imported products the room already has go to it again, so a restock is not undone by the room's next stock event. */
  productsSaved(products: readonly Product[], sender: Pick<Sender, 'name' | 'role'>): Promise<void>;
}

/** The product as the room takes it; a photo too large for the room's frames goes without it rather than refusing the promotion. */
function roomProductOf(product: Product, log: Logger): RoomProduct {
  const photoFits = product.photo === null || product.photo.length <= roomLimits.maxPhotoChars;
  if (!photoFits) log.warn('product photo too large for the live room; sent without it', { productId: product.id, chars: product.photo?.length });
  return { ...product, photo: photoFits ? product.photo : null };
}

export function createPanelActions(deps: PanelActionsDeps): PanelActions {
  const { feed } = deps;

  const promote = async (productId: string, flashSale: FlashSale | undefined, actor: string): Promise<PanelActionResult> => {
    const product = deps.catalogue.get().products.find((candidate) => candidate.id === productId);
    if (!product) throw new RefusedError('That product is not in the catalogue (perhaps it was removed in another window).');
    await feed.act({ kind: 'upsertProducts', products: [roomProductOf(product, deps.log)] }, actor);
    const settings = deps.livePanel();
    const result = await feed.act(
      {
        kind: 'promoteProduct',
        productId,
        ...(flashSale ? { flashSale } : {}),
        ...(settings.claimsEnabled ? { claimKeywords: [...settings.claimKeywords] } : {}),
      },
      actor,
    );
    const sale = flashSale ? ` (${flashSaleText(flashSale, product.currency, deps.formatTime)})` : '';
    feed.addActivity({ at: deps.now(), actor, text: `promoted ${product.name}${sale}` });
    return result;
  };

  /** The run-sheet's product after the one promoted now (or last), else its first. */
  const nextInRunSheet = (): string => {
    const { runSheet } = deps.catalogue.get();
    if (runSheet.length === 0) throw new RefusedError('The run-sheet is empty: add products to it first.');
    const current = feed.lookup.lastPromotedId();
    const index = current === null ? -1 : runSheet.indexOf(current);
    const next = runSheet[index + 1];
    if (next === undefined) throw new RefusedError('The run-sheet is finished: every product in it has been promoted. Promote one by hand to go on.');
    return next;
  };

  return {
    async productsSaved(products, sender) {
      const inRoom = products.filter((product) => feed.lookup.stock().has(product.id));
      // The room takes at most ROOM_UPSERT_BATCH products per action.
      for (let start = 0; start < inRoom.length; start += ROOM_UPSERT_BATCH) {
        const batch = inRoom.slice(start, start + ROOM_UPSERT_BATCH);
        await feed.act({ kind: 'upsertProducts', products: batch.map((product) => roomProductOf(product, deps.log)) }, actorText(sender)).then(
          () => undefined,
          (error: unknown) => deps.log.warn('saved products not sent to the live room', { productIds: batch.map((product) => product.id), error }),
        );
      }
    },

    async act(action, sender) {
      const actor = actorText(sender);
      switch (action.kind) {
        case 'promoteProduct':
          return promote(action.productId, action.flashSale, actor);
        case 'promoteNext':
          return promote(nextInRunSheet(), action.flashSale, actor);
        default: {
          const roomAction: StudioAction = action;
          // Words from what the panel knew before the action: a hidden comment is still there to name.
          const text = describeAction(roomAction, feed.lookup);
          const result = await feed.act(roomAction, actor);
          feed.addActivity({ at: deps.now(), actor, text });
          return result;
        }
      }
    },
  };
}
