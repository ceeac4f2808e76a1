import { Sentence, useT } from '../i18n/viewerI18n.dom';
import { orderNumber } from '../../../contract/orderNumber.std';
import { currencySchema, formatPrice } from '../../../contract/schemas/product.std';
import { orderStatusText, variantQuestion } from '../viewerState.std';
import { useViewer } from '../viewerContext.dom';

function price(amountMinor: number, currency: string): string {
  const known = currencySchema.safeParse(currency);
  return known.success ? formatPrice(amountMinor, known.data) : `${amountMinor} ${currency}`;
}

/** The viewer's own orders in this room, with what the shop did with them. */
export function MyOrders() {
  const translator = useT();
  const orders = useViewer((state) => state.orders);
  const promotion = useViewer((state) => state.promotion);
  if (orders.length === 0) return null;
  return (
    <details className="my-orders">
      <summary>{translator.t('orders.summary', { count: orders.length })}</summary>
      <ul>
        {orders.map((order) => (
          <li key={order.id} className={`order order-${order.status}`}>
            <span className="user-text order-product" dir="auto">
              {order.productName}
            </span>
            {order.variantLabel !== null && (
              <span className="user-text order-variant" dir="auto">
                {order.variantLabel}
              </span>
            )}
            <span>
              ×{order.quantity} · {price(order.amountMinor, order.currency)}
            </span>
            <span className="order-id">
              <Sentence message="orders.number" values={{ number: orderNumber(order.id) }} tag="code" className="order-number" />
            </span>
            <span className="order-status">{orderStatusText(order, translator, promotion)}</span>
            {variantQuestion(order, promotion, translator) !== null && (
              <span className="order-question" role="note">
                {variantQuestion(order, promotion, translator)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
