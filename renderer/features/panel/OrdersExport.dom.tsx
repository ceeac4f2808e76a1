import { useState } from 'react';
import { ORDERS_CSV_PATH } from '../../../contract/schemas/fulfilment.std';
import { mayCall } from '../../../contract/roles.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';
import { OrderWebhookDialog } from './OrderWebhookDialog.dom';
import { webhookStatusLine } from './webhookStatus.std';

/** How the show's orders get to fulfilment: the CSV download and the order webhook's state. */
export function OrdersExport() {
  const webhook = useStudio((state) => state.orderWebhook);
  const translator = useT();
  const { t } = translator;
  const mayEditWebhook = useStudio((state) => mayCall(state.whoAmI.role, 'saveOrderWebhook'));
  // The CSV is served by the studio itself (with the buyers' contacts), not by staff consoles.
  const mayDownload = useStudio((state) => !state.whoAmI.console);
  const [editing, setEditing] = useState(false);
  if (!mayDownload && !mayEditWebhook) return null;
  const status = webhookStatusLine(webhook, translator);
  return (
    <section className="orders-export" aria-label={t('export.region')}>
      <div className="orders-export-actions">
        {mayDownload && (
          // A relative link: the studio's page and its CSV come from the same server, with the same session.
          <a className="button" href={ORDERS_CSV_PATH.slice(1)} download>
            {t('export.csv')}
          </a>
        )}
        {mayEditWebhook && (
          <button type="button" onClick={() => setEditing(true)}>
            {webhook?.url ? t('export.webhookSettings') : t('export.webhookSetUp')}
          </button>
        )}
      </div>
      {mayEditWebhook && (
        <p className={`webhook-status tone-${status.tone}`} role={status.tone === 'warning' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      {editing && <OrderWebhookDialog onClose={() => setEditing(false)} />}
    </section>
  );
}
