import { useEffect, useRef, useState, type ReactNode } from 'react';
import { orderWebhookInputSchema } from '../../../contract/schemas/fulfilment.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { FormFooter } from '../../app/FormFooter.dom';
import { usePanelCall } from './usePanelCall.dom';

/**
 * Where orders are sent (host only): the shop system's address and the shared secret that signs
 * each request. The secret is a password field that starts empty, as a destination's stream key:
 * a saved one is never shown back, and leaving it blank keeps it.
 */
export function OrderWebhookDialog({ onClose }: { onClose: () => void }) {
  const api = useStudioApi();
  const { t, rich } = useT();
  const saved = useStudio((state) => state.orderWebhook);
  const [url, setUrl] = useState(saved?.url ?? '');
  const [secret, setSecret] = useState('');
  // A secret made here is shown, so it can be copied into the shop system; a typed one stays hidden.
  const [showSecret, setShowSecret] = useState(false);
  const [problem, setProblem] = useState<{ field: 'url' | 'secret'; message: string } | null>(null);
  const { run, failure } = usePanelCall();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const save = async () => {
    if (url.trim() === '') return setProblem({ field: 'url', message: t('webhook.urlMissing') });
    if (secret === '' && !saved?.hasSecret) return setProblem({ field: 'secret', message: t('webhook.secretMissing') });
    const checked = orderWebhookInputSchema.safeParse({ url, ...(secret === '' ? {} : { secret }) });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return setProblem({ field: issue?.path[0] === 'secret' ? 'secret' : 'url', message: issue?.message ?? t('webhook.checkBoth') });
    }
    setProblem(null);
    if (await run(() => api.saveOrderWebhook(checked.data))) onClose();
  };
  const turnOff = async () => {
    if (await run(() => api.saveOrderWebhook({ url: '' }))) onClose();
  };
  const invalid = (field: 'url' | 'secret') => (problem?.field === field ? true : undefined);
  const makeSecret = () => {
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    setSecret(btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_'));
    setShowSecret(true);
    setProblem(null);
  };

  return (
    <dialog ref={dialog} className="panel-settings" aria-labelledby="order-webhook-title" onCancel={onClose} onClose={onClose}>
      <form
        method="dialog"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id="order-webhook-title">{t('webhook.title')}</h2>
        <p className="dialog-help">{t('webhook.help')}</p>
        <div className="settings-grid">
          <label>
            {t('webhook.address')}
            <input
              type="url"
              inputMode="url"
              placeholder="https://shop.example.com/hooks/shopcast"
              value={url}
              aria-invalid={invalid('url')}
              onChange={(event) => {
                setUrl(event.target.value);
                if (problem?.field === 'url') setProblem(null);
              }}
            />
          </label>
          <label>
            {t('webhook.secret')}
            <input
              type={showSecret ? 'text' : 'password'}
              autoComplete="new-password"
              placeholder={saved?.hasSecret ? t('webhook.secretPlaceholder') : ''}
              value={secret}
              aria-invalid={invalid('secret')}
              onChange={(event) => {
                setSecret(event.target.value);
                if (problem?.field === 'secret') setProblem(null);
              }}
            />
          </label>
          <button type="button" className="small-button" onClick={makeSecret}>
            {t('webhook.makeSecret')}
          </button>
          <details className="dialog-help">
            <summary>{t('webhook.howTo')}</summary>
            {rich<ReactNode>('webhook.howToBody', {}, { code: (chunks) => <code key={chunks.join('')}>{chunks}</code> })}
          </details>
        </div>
        {saved?.url && (
          <button type="button" className="danger" onClick={() => void turnOff()}>
            {t('webhook.turnOff')}
          </button>
        )}
        <FormFooter problem={problem?.message ?? failure} submitLabel={t('common.save')} onCancel={onClose} />
      </form>
    </dialog>
  );
}
