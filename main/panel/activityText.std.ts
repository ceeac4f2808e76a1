import { orderNumber } from '../../contract/orderNumber.std';
import type { FlashSale, StudioAction } from '../../contract/room/roomMessages.std';
import { formatPrice, type Currency } from '../../contract/schemas/product.std';
import type { StaffRole } from '../../contract/schemas/staff.std';
import type { PanelModel } from './panelModel.std';
import { fitText } from './roomLayers.std';

// The activity log's words: what someone at the controls did, in a line everyone else at the
// controls understands at a glance ("Lin (moderator) banned Bob"). Names come from the panel's
// window; when a comment has scrolled out of it, the line says "a comment" rather than an id.

/** Room's limit for an action's actor (roomLimits.nameChars + " (moderator)"). */
const MAX_ACTOR_CHARS = 52;

/** "Host" for the studio itself, "Lin (moderator)", "Ana (host)" for a paired host console. */
export function actorText(sender: { name: string; role: StaffRole }): string {
  const name = sender.name.trim() || 'Someone';
  if (sender.role === 'host' && name.toLowerCase() === 'host') return 'Host';
  return fitText(`${fitText(name, 40)} (${sender.role})`, MAX_ACTOR_CHARS);
}

export function flashSaleText(sale: FlashSale, currency: Currency, formatTime: (ms: number) => string): string {
  return `flash sale ${formatPrice(sale.priceMinor, currency)} until ${formatTime(sale.endsAt)}`;
}

type Lookup = Pick<PanelModel, 'comment' | 'order' | 'viewerName' | 'pinned' | 'promotion'>;

const possessive = (name: string) => `${name}'s`;
const quoted = (text: string) => `“${fitText(text.replace(/\s+/g, ' ').trim(), 80)}”`;

/** The activity line for a room action, from what the panel knew just before it. */
export function describeAction(action: StudioAction, lookup: Lookup): string {
  switch (action.kind) {
    case 'pinComment': {
      const comment = lookup.comment(action.commentId);
      return comment ? `pinned ${possessive(comment.name)} comment` : 'pinned a comment';
    }
    case 'unpinComment': {
      const pinned = lookup.pinned();
      return pinned ? `unpinned ${possessive(pinned.name)} comment` : 'unpinned the comment';
    }
    case 'promoteProduct':
      // The core promotes from the catalogue and words it there, with the product's name.
      return `promoted a product (${action.productId})`;
    case 'endPromotion': {
      const promotion = lookup.promotion();
      return promotion ? `ended the promotion of ${promotion.product.name}` : 'ended the promotion';
    }
    case 'markOrder': {
      const order = lookup.order(action.orderId);
      const which = `order ${orderNumber(action.orderId)}${order ? ` (${order.buyerName}, ${order.productName}${order.variantLabel ? ` · ${order.variantLabel}` : ''} ×${order.quantity})` : ''}`;
      return `marked ${which} ${action.status}`;
    }
    case 'reply': {
      const comment = action.commentId === undefined ? undefined : lookup.comment(action.commentId);
      return comment ? `replied to ${comment.name}: ${quoted(action.text)}` : `replied: ${quoted(action.text)}`;
    }
    case 'hideComment': {
      const comment = lookup.comment(action.commentId);
      return comment ? `hid a comment by ${comment.name}` : 'hid a comment';
    }
    case 'banViewer': {
      const name = lookup.viewerName(action.viewerId);
      return name ? `banned ${name}` : 'banned a viewer';
    }
    case 'upsertProducts':
      return action.products.length === 1 ? `put ${action.products[0]?.name ?? 'a product'} in the live room` : `put ${action.products.length} products in the live room`;
    case 'startShow':
      return 'started the show';
    case 'endShow':
      return action.buyGraceMinutes > 0 ? `ended the show (Buy open ${action.buyGraceMinutes} more minutes)` : 'ended the show (Buy closed)';
    default: {
      const never: never = action;
      return never;
    }
  }
}
