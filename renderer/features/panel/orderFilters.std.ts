import type { OrderStatus } from '../../../contract/room/roomMessages.std';
import type { MoneyByCurrency, PanelOrder } from '../../../contract/schemas/panel.std';
import { currencySchema, formatPrice } from '../../../contract/schemas/product.std';

export const orderFilters = ['all', 'new', 'handled', 'cancelled', 'waitlisted'] as const;
export type OrderFilter = (typeof orderFilters)[number];

/** Newest first: the order that just came in is the one to act on. */
export function filterOrders(orders: readonly PanelOrder[], filter: OrderFilter): PanelOrder[] {
  const shown: PanelOrder[] = [];
  for (let index = orders.length - 1; index >= 0; index -= 1) {
    const order = orders[index];
    if (order && (filter === 'all' || order.status === filter)) shown.push(order);
  }
  return shown;
}

export function countByStatus(orders: readonly PanelOrder[]): Record<OrderStatus, number> {
  const counts: Record<OrderStatus, number> = { new: 0, handled: 0, cancelled: 0, waitlisted: 0 };
  for (const order of orders) counts[order.status] += 1;
  return counts;
}

/** The Orders tab's badge: the show's new orders (the core counts over the whole show, not the window); none at zero. */
export function orderBadge(newOrders: number): string | null {
  if (newOrders <= 0) return null;
  return newOrders > 99 ? '99+' : String(newOrders);
}

/** "¥1,990.00 + $25.00": GMV per currency, never summed across currencies. */
export function formatMoneyByCurrency(money: MoneyByCurrency): string {
  if (money.length === 0) return '—';
  return money
    .map(({ currency, amountMinor }) => {
      const known = currencySchema.safeParse(currency);
      return known.success ? formatPrice(amountMinor, known.data) : `${amountMinor} ${currency} (minor units)`;
    })
    .join(' + ');
}
