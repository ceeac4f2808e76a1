import type { Promotion, RoomComment, RoomEvent, RoomEventBody, RoomOrder } from '../../contract/room/roomEvents.std';
import { roomLimits, type FlashSale, type RoomProduct } from '../../contract/room/roomMessages.std';
import type { RoomStore } from './roomStore.std';
import type { RoomStock } from './roomStock.node';
import { variantChoice } from './variantChoice.std';

// A live room's orders and claims, inside its one writer's commit: each takes its units (of its
// variant, when the product has variants) by the guarded UPDATE in roomStock, records the order
// and says what is left; units coming back move the waitlist (of that variant) up, oldest first.

export interface RoomOrdersDeps {
  store: RoomStore;
  now: () => number;
  newId: () => string;
  stock: RoomStock;
  append: (body: RoomEventBody, owner: string | null) => Promise<RoomEvent>;
}

export interface BuyInput {
  viewerId: string;
  quantity: number;
  variantId: string | undefined;
  buyerName: string;
  contact: string;
  note: string;
}

/** What a buyer is told of a product (or, labelled, one of its variants) with none left, wherever it is found out. */
export const soldOutMessage = (variantLabel: string | null) => `${variantLabel ? `${variantLabel}: ` : ''}Sold out: there are none left.`;

export type BuyResult = { ok: true; seq: number; id: string } | { ok: false; code: 'invalid' | 'out-of-stock'; message: string };

/** Who ordered what, and how to reach them: what a Buy-sheet order or a claim brings to `orderOf`. */
interface OrderFacts {
  source: RoomOrder['source'];
  viewerId: string;
  variant: { id: string; label: string } | null;
  quantity: number;
  unitPriceMinor: number;
  buyerName: string;
  contact: string | null;
  note: string | null;
  status: RoomOrder['status'];
}

export function createRoomOrders(deps: RoomOrdersDeps) {
  const { store, now, newId, stock, append } = deps;

  const orderOf = (product: RoomProduct, facts: OrderFacts): RoomOrder => ({
    source: facts.source,
    id: newId(),
    viewerId: facts.viewerId,
    productId: product.id,
    productName: product.name,
    variantId: facts.variant?.id ?? null,
    variantLabel: facts.variant?.label ?? null,
    quantity: facts.quantity,
    unitPriceMinor: facts.unitPriceMinor,
    amountMinor: facts.unitPriceMinor * facts.quantity,
    currency: product.currency,
    buyerName: facts.buyerName,
    contact: facts.contact,
    note: facts.note,
    status: facts.status,
    at: now(),
  });

  /** The stock event for what is left of the product (and the variant) now. */
  const stockChanged = async (productId: string, variantId: string | null) => {
    const left = await stock.leftOf(productId, variantId);
    stock.noteLeft(productId, left);
    await append({ kind: 'stock', productId, ...left }, null);
  };

  const recordOrder = async (order: RoomOrder) => {
    const event = await append({ kind: 'order', order }, order.viewerId);
    await store.insertOrder({ ...order, seq: event.seq, body: JSON.stringify(order) });
    return event;
  };

  const setOrderStatus = async (order: RoomOrder) => {
    await store.setOrderStatus(order.id, order.status, JSON.stringify(order));
    await append({ kind: 'orderStatus', orderId: order.id, viewerId: order.viewerId, status: order.status }, order.viewerId);
  };

  const tracked = (product: RoomProduct, variant: { stock: number | null } | null) => (variant ? variant.stock : product.stock) !== null;

  /**
   * Units came back (a cancellation, or the merchant raised the stock): the oldest waitlisted
   * claims of the product, or of that variant, that fit what is left take it, in the same commit,
   * each with its status and stock.
   */
  const moveUpWaitlist = async (productId: string, variantId: string | null) => {
    const product = await stock.productOf(productId);
    const variant = variantId === null ? null : (product?.variants?.find((candidate) => candidate.id === variantId) ?? null);
    if (!product || (variantId !== null && !variant)) return;
    let left = (variant ? variant.stock : product.stock) ?? 0;
    if (left <= 0) return;
    // Each claim takes at least one unit, so no more than `left` of them can move up.
    for (const waiting of await store.waitlisted(productId, variantId, left, left)) {
      if (waiting.quantity > left) continue;
      if (!(await stock.take(product, variant && { ...variant, stock: left }, waiting.quantity))) return;
      left -= waiting.quantity;
      await setOrderStatus({ ...(JSON.parse(waiting.body) as RoomOrder), status: 'new' });
      await stockChanged(productId, variantId);
      if (left === 0) return;
    }
  };

  return {
    setOrderStatus,

    /** Units of the product, or of each of its variants, may have come back: their waitlists move up. */
    async moveUpWaitlists(product: RoomProduct) {
      if (product.variants && product.variants.length > 0) for (const variant of product.variants) await moveUpWaitlist(product.id, variant.id);
      else await moveUpWaitlist(product.id, null);
    },

    /** A cancelled order that had taken units gives them back, and the waitlist of what it was for moves up. */
    async unitsBack(order: RoomOrder) {
      const variantId = order.variantId ?? null;
      const before = await stock.leftOf(order.productId, variantId);
      await stock.giveBack(order.productId, variantId, order.quantity);
      const after = await stock.leftOf(order.productId, variantId);
      // Untracked stock (or a variant since removed) gives nothing back: no event, no waitlist.
      if (after.left === before.left && after.variant?.left === before.variant?.left) return;
      await stockChanged(order.productId, variantId);
      await moveUpWaitlist(order.productId, variantId);
    },

    /**
     * A comment that claims the promoted product becomes an order in the comment's own commit.
     * Stock is taken by the same guarded UPDATE as the Buy sheet's, so claims never oversell; a
     * claim the stock cannot cover waits on the list, taking nothing, until units come back.
     */
    async claim(current: Promotion, comment: RoomComment, quantity: number, variantId: string | null) {
      const product = await stock.productOf(current.product.id);
      if (!product) return;
      const variants = product.variants ?? [];
      const variant = variantId === null ? null : (variants.find((candidate) => candidate.id === variantId) ?? null);
      // A claim naming no variant of a product with variants takes nothing: it waits, for the
      // merchant to see and the viewer's page to ask which, and is cancelled once they name one.
      const unnamed = variants.length > 0 && !variant;
      const sale = current.flashSale;
      const unitPriceMinor = sale && now() < sale.endsAt ? sale.priceMinor : product.priceMinor;
      const covered = !unnamed && (await stock.take(product, variant, quantity));
      if (variant) {
        for (const earlier of await store.unnamedClaims(product.id, comment.viewerId)) await setOrderStatus({ ...(JSON.parse(earlier.body) as RoomOrder), status: 'cancelled' });
      }
      const note = [...`Claimed in the comments: "${comment.text}"`];
      await recordOrder(
        orderOf(product, {
          source: 'claim',
          viewerId: comment.viewerId,
          variant,
          quantity,
          unitPriceMinor,
          buyerName: comment.name,
          contact: null,
          note: note.length <= roomLimits.noteChars ? note.join('') : `${note.slice(0, roomLimits.noteChars - 2).join('')}…"`,
          status: covered ? 'new' : 'waitlisted',
        }),
      );
      if (covered && tracked(product, variant)) await stockChanged(product.id, variant?.id ?? null);
    },

    /** A Buy-sheet order for the promoted product (its promotion and show already checked). */
    async buy(product: RoomProduct, sale: FlashSale | null, input: BuyInput): Promise<BuyResult> {
      const choice = variantChoice(product, input.variantId);
      if (!choice.ok) return { ok: false, code: 'invalid', message: choice.message };
      const { variant } = choice;
      if (!(await stock.take(product, variant, input.quantity))) {
        const left = (variant ? variant.stock : product.stock) ?? 0;
        stock.noteLeft(product.id, { left: product.stock, ...(variant ? { variant: { id: variant.id, left } } : {}) });
        const message = left === 0 ? soldOutMessage(variant?.label ?? null) : `${variant ? `${variant.label}: ` : ''}Only ${left} left: lower the quantity.`;
        return { ok: false, code: 'out-of-stock', message };
      }
      const unitPriceMinor = sale ? sale.priceMinor : product.priceMinor;
      const order = orderOf(product, {
        source: 'buy',
        viewerId: input.viewerId,
        variant,
        quantity: input.quantity,
        unitPriceMinor,
        buyerName: input.buyerName,
        contact: input.contact || null,
        note: input.note || null,
        status: 'new',
      });
      const event = await recordOrder(order);
      if (tracked(product, variant)) await stockChanged(product.id, variant?.id ?? null);
      return { ok: true, seq: event.seq, id: order.id };
    },
  };
}
