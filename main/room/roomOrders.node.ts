import type { Promotion, RoomComment, RoomEvent, RoomEventBody, RoomOrder } from '../../contract/room/roomEvents.std';
import { roomLimits, type FlashSale, type RoomProduct } from '../../contract/room/roomMessages.std';
import type { prepareRoomStatements } from './roomStatements.node';
import type { RoomStock } from './roomStock.node';
import { variantChoice } from './variantChoice.std';

// A live room's orders and claims, inside its one writer's commit: each takes its units (of its
// variant, when the product has variants) by the guarded UPDATE in roomStock, records the order
// and says what is left; units coming back move the waitlist (of that variant) up, oldest first.

export interface RoomOrdersDeps {
  q: ReturnType<typeof prepareRoomStatements>;
  roomId: string;
  now: () => number;
  newId: () => string;
  stock: RoomStock;
  append: (body: RoomEventBody, owner: string | null) => RoomEvent;
}

export interface BuyInput {
  viewerId: string;
  quantity: number;
  variantId: string | undefined;
  buyerName: string;
  contact: string;
  note: string;
}

export type BuyResult = { ok: true; seq: number; id: string } | { ok: false; code: 'invalid' | 'out-of-stock'; message: string };

export function createRoomOrders(deps: RoomOrdersDeps) {
  const { q, roomId, now, newId, stock, append } = deps;

  /** The stock event for what is left of the product (and the variant) now. */
  const stockChanged = (productId: string, variantId: string | null) => {
    const left = stock.leftOf(productId, variantId);
    stock.noteLeft(productId, left);
    append({ kind: 'stock', productId, ...left }, null);
  };

  const recordOrder = (order: RoomOrder) => {
    const event = append({ kind: 'order', order }, order.viewerId);
    q.insertOrder.run(roomId, order.id, event.seq, order.viewerId, order.productId, order.variantId, order.quantity, order.amountMinor, order.status, JSON.stringify(order));
    return event;
  };

  const setOrderStatus = (order: RoomOrder) => {
    q.setOrderStatus.run(order.status, JSON.stringify(order), roomId, order.id);
    append({ kind: 'orderStatus', orderId: order.id, viewerId: order.viewerId, status: order.status }, order.viewerId);
  };

  const tracked = (product: RoomProduct, variant: { stock: number | null } | null) => (variant ? variant.stock : product.stock) !== null;

  /**
   * Units came back (a cancellation, or the merchant raised the stock): the oldest waitlisted
   * claims of the product, or of that variant, that fit what is left take it, in the same commit,
   * each with its status and stock.
   */
  const moveUpWaitlist = (productId: string, variantId: string | null) => {
    const product = stock.productOf(productId);
    const variant = variantId === null ? null : (product?.variants?.find((candidate) => candidate.id === variantId) ?? null);
    if (!product || (variantId !== null && !variant)) return;
    let left = (variant ? variant.stock : product.stock) ?? 0;
    if (left <= 0) return;
    // Each claim takes at least one unit, so no more than `left` of them can move up.
    for (const waiting of q.waitlisted.all(roomId, productId, variantId, left, left)) {
      if (waiting.quantity > left) continue;
      if (!stock.take(product, variant && { ...variant, stock: left }, waiting.quantity)) return;
      left -= waiting.quantity;
      setOrderStatus({ ...(JSON.parse(waiting.body) as RoomOrder), status: 'new' });
      stockChanged(productId, variantId);
      if (left === 0) return;
    }
  };

  return {
    setOrderStatus,

    /** Units of the product, or of each of its variants, may have come back: their waitlists move up. */
    moveUpWaitlists(product: RoomProduct) {
      if (product.variants && product.variants.length > 0) for (const variant of product.variants) moveUpWaitlist(product.id, variant.id);
      else moveUpWaitlist(product.id, null);
    },

    /** A cancelled order that had taken units gives them back, and the waitlist of what it was for moves up. */
    unitsBack(order: RoomOrder) {
      const variantId = order.variantId ?? null;
      const before = stock.leftOf(order.productId, variantId);
      stock.giveBack(order.productId, variantId, order.quantity);
      const after = stock.leftOf(order.productId, variantId);
      // Untracked stock (or a variant since removed) gives nothing back: no event, no waitlist.
      if (after.left === before.left && after.variant?.left === before.variant?.left) return;
      stockChanged(order.productId, variantId);
      moveUpWaitlist(order.productId, variantId);
    },

    /**
     * A comment that claims the promoted product becomes an order in the comment's own commit.
     * Stock is taken by the same guarded UPDATE as the Buy sheet's, so claims never oversell; a
     * claim the stock cannot cover waits on the list, taking nothing, until units come back.
     */
    claim(current: Promotion, comment: RoomComment, quantity: number, variantId: string | null) {
      const product = stock.productOf(current.product.id);
      if (!product) return;
      const variants = product.variants ?? [];
      const variant = variantId === null ? null : (variants.find((candidate) => candidate.id === variantId) ?? null);
      // A claim naming no variant of a product with variants takes nothing: it waits, for the
      // merchant to see and the viewer's page to ask which, and is cancelled once they name one.
      const unnamed = variants.length > 0 && !variant;
      const sale = current.flashSale;
      const unitPriceMinor = sale && now() < sale.endsAt ? sale.priceMinor : product.priceMinor;
      const covered = !unnamed && stock.take(product, variant, quantity);
      if (variant) {
        for (const earlier of q.unnamedClaims.all(roomId, product.id, comment.viewerId)) setOrderStatus({ ...(JSON.parse(earlier.body) as RoomOrder), status: 'cancelled' });
      }
      const note = [...`Claimed in the comments: "${comment.text}"`];
      recordOrder({
        source: 'claim',
        id: newId(),
        viewerId: comment.viewerId,
        productId: product.id,
        productName: product.name,
        variantId: variant?.id ?? null,
        variantLabel: variant?.label ?? null,
        quantity,
        unitPriceMinor,
        amountMinor: unitPriceMinor * quantity,
        currency: product.currency,
        buyerName: comment.name,
        contact: null,
        note: note.length <= roomLimits.noteChars ? note.join('') : `${note.slice(0, roomLimits.noteChars - 2).join('')}…"`,
        status: covered ? 'new' : 'waitlisted',
        at: now(),
      });
      if (covered && tracked(product, variant)) stockChanged(product.id, variant?.id ?? null);
    },

    /** A Buy-sheet order for the promoted product (its promotion and show already checked). */
    buy(product: RoomProduct, sale: FlashSale | null, input: BuyInput): BuyResult {
      const choice = variantChoice(product, input.variantId);
      if (!choice.ok) return { ok: false, code: 'invalid', message: choice.message };
      const { variant } = choice;
      if (!stock.take(product, variant, input.quantity)) {
        const left = (variant ? variant.stock : product.stock) ?? 0;
        stock.noteLeft(product.id, { left: product.stock, ...(variant ? { variant: { id: variant.id, left } } : {}) });
        const what = variant ? `${variant.label}: ` : '';
        const message = left === 0 ? `${what}Sold out: there are none left.` : `${what}Only ${left} left: lower the quantity.`;
        return { ok: false, code: 'out-of-stock', message };
      }
      const unitPriceMinor = sale ? sale.priceMinor : product.priceMinor;
      const order: RoomOrder = {
        source: 'buy',
        id: newId(),
        viewerId: input.viewerId,
        productId: product.id,
        productName: product.name,
        variantId: variant?.id ?? null,
        variantLabel: variant?.label ?? null,
        quantity: input.quantity,
        unitPriceMinor,
        amountMinor: unitPriceMinor * input.quantity,
        currency: product.currency,
        buyerName: input.buyerName,
        contact: input.contact || null,
        note: input.note || null,
        status: 'new',
        at: now(),
      };
      const event = recordOrder(order);
      if (tracked(product, variant)) stockChanged(product.id, variant?.id ?? null);
      return { ok: true, seq: event.seq, id: order.id };
    },
  };
}
