import { memo, useCallback, useMemo, useState } from 'react';
import { orderNumber } from '../../../contract/orderNumber.std';
import type { PanelOrder, ShowTotals } from '../../../contract/schemas/panel.std';
import { currencySchema, formatPrice } from '../../../contract/schemas/product.std';
import { mayCall } from '../../../contract/roles.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { countByStatus, filterOrders, formatMoneyByCurrency, orderFilters, type OrderFilter } from './orderFilters.std';
import { timeOfDay } from './timeOfDay.std';
import { usePanelCall } from './usePanelCall.dom';
import { FieldError } from '../../app/FieldError.dom';
import { OrdersExport } from './OrdersExport.dom';

function price(amountMinor: number, currency: string): string {
  const known = currencySchema.safeParse(currency);
  return known.success ? formatPrice(amountMinor, known.data) : `${amountMinor} ${currency}`;
}

type OrderCommand = 'handled' | 'cancelled';

const OrderRow = memo(function OrderRow({ order, onMark }: { order: PanelOrder; onMark: (order: PanelOrder, status: OrderCommand) => void }) {
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const { t } = useT();
  const open = order.status === 'new' || order.status === 'waitlisted';
  return (
    <li className={`order order-${order.status}`} aria-label={t('orders.row', { name: order.buyerName })}>
      <div className="order-head">
        <span className="order-number" title={t('orders.numberTitle')}>
          {orderNumber(order.id)}
        </span>
        <span className="order-buyer">{order.buyerName}</span>
        <span className={`tag status-${order.status}`}>{t(`orders.status.${order.status}`)}</span>
        <span className="tag">{order.source === 'claim' ? t('orders.source.claim') : t('orders.source.buy')}</span>
        <time dateTime={new Date(order.at).toISOString()}>{timeOfDay(order.at)}</time>
      </div>
      <div className="order-what">
        {order.quantity} × {order.productName}{order.variantLabel !== null && <> · <span className="order-variant">{order.variantLabel}</span></>} · <strong>{price(order.amountMinor, order.currency)}</strong>
      </div>
      {order.contact && <div className="order-detail">{t('orders.contact', { contact: order.contact })}</div>}
      {order.note && <div className="order-detail">{t('orders.note', { note: order.note })}</div>}
      {open &&
        (confirmingCancel ? (
          <div className="order-actions" role="group" aria-label={t('orders.cancelQuestion', { name: order.buyerName })}>
            <span className="confirm-text">{t('orders.cancelConfirm')}</span>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirmingCancel(false);
                onMark(order, 'cancelled');
              }}
            >
              {t('orders.cancelOrder')}
            </button>
            <button type="button" autoFocus onClick={() => setConfirmingCancel(false)}>
              {t('orders.keep')}
            </button>
          </div>
        ) : (
          <div className="order-actions">
            {order.status === 'new' && (
              <button type="button" onClick={() => onMark(order, 'handled')}>
                {t('orders.markHandled')}
              </button>
            )}
            <button type="button" onClick={() => setConfirmingCancel(true)}>
              {t('orders.cancel')}
            </button>
          </div>
        ))}
    </li>
  );
});

function Totals({ totals }: { totals: ShowTotals }) {
  const { t } = useT();
  return (
    <section className="order-totals" aria-label={t('orders.totals')}>
      <dl className="totals-line">
        <div>
          <dt>{t('orders.orders')}</dt>
          <dd>{totals.orders}</dd>
        </div>
        <div>
          <dt>{t('orders.units')}</dt>
          <dd>{totals.units}</dd>
        </div>
        <div>
          <dt>{t('orders.gmv')}</dt>
          <dd>{formatMoneyByCurrency(totals.gmv)}</dd>
        </div>
        <div>
          <dt>{t('orders.waitlisted')}</dt>
          <dd>{totals.waitlisted}</dd>
        </div>
      </dl>
      {totals.byProduct.length > 0 && (
        <details className="by-product">
          <summary>{t('orders.byProduct')}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('orders.product')}</th>
                <th scope="col">{t('orders.orders')}</th>
                <th scope="col">{t('orders.units')}</th>
                <th scope="col">{t('orders.gmv')}</th>
              </tr>
            </thead>
            <tbody>
              {totals.byProduct.map((product) => (
                <tr key={product.productId}>
                  <th scope="row">{product.productName}</th>
                  <td>{product.orders}</td>
                  <td>{product.units}</td>
                  <td>{formatMoneyByCurrency(product.gmv)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

/** The show's orders, newest first, with the totals and the stream's "just bought" toast switch. */
export function OrdersTab() {
  const api = useStudioApi();
  const { t } = useT();
  const orders = useStudio((state) => state.panel.orders);
  const totals = useStudio((state) => state.panel.totals);
  const livePanel = useStudio((state) => state.settings.livePanel);
  const mayChangeSettings = useStudio((state) => mayCall(state.whoAmI.role, 'updateSettings'));
  const [filter, setFilter] = useState<OrderFilter>('all');
  const { run, failure } = usePanelCall();
  const shown = useMemo(() => filterOrders(orders, filter), [orders, filter]);
  const counts = useMemo(() => countByStatus(orders), [orders]);
  const onMark = useCallback((order: PanelOrder, status: OrderCommand) => void run(() => api.panelAction({ kind: 'markOrder', orderId: order.id, status })), [api, run]);

  return (
    <div className="orders-tab">
      <Totals totals={totals} />
      <OrdersExport />
      {mayChangeSettings && (
        <div className="order-switches">
          <label>
            <input type="checkbox" checked={livePanel.purchaseToast} onChange={(event) => void run(() => api.updateSettings({ livePanel: { ...livePanel, purchaseToast: event.target.checked } }))} />
            {t('orders.toast')}
          </label>
          <label>
            <input type="checkbox" checked={livePanel.orderSound} onChange={(event) => void run(() => api.updateSettings({ livePanel: { ...livePanel, orderSound: event.target.checked } }))} />
            {t('orders.sound')}
          </label>
        </div>
      )}
      <div role="group" aria-label={t('orders.filters')} className="filter-buttons">
        {orderFilters.map((option) => (
          <button key={option} type="button" aria-pressed={filter === option} onClick={() => setFilter(option)}>
            {option === 'all' ? t('orders.filter.all') : counts[option] > 0 ? t('orders.filterCount', { label: t(`orders.status.${option}`), count: counts[option] }) : t(`orders.status.${option}`)}
          </button>
        ))}
      </div>
      <FieldError message={failure} />
      {shown.length === 0 ? (
        <p className="empty">{orders.length === 0 ? t('orders.none') : t('orders.noMatch')}</p>
      ) : (
        <ul className="order-list" aria-label={t('orders.list')}>
          {shown.map((order) => (
            <OrderRow key={order.id} order={order} onMark={onMark} />
          ))}
        </ul>
      )}
    </div>
  );
}
