import { useEffect, useRef, useState } from 'react';
import { orderWebhookInputSchema } from '../../../contract/schemas/fulfilment.std';
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
    if (url.trim() === '') return setProblem({ field: 'url', message: 'Enter your shop system’s address, or use Turn off.' });
    if (secret === '' && !saved?.hasSecret) return setProblem({ field: 'secret', message: 'Enter the shared secret your shop system checks the signature with.' });
    const checked = orderWebhookInputSchema.safeParse({ url, ...(secret === '' ? {} : { secret }) });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return setProblem({ field: issue?.path[0] === 'secret' ? 'secret' : 'url', message: issue?.message ?? 'Check the address and the secret.' });
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
        <h2 id="order-webhook-title">Send orders to your shop system</h2>
        <p className="dialog-help">
          Each new order and each change (handled, cancelled) is sent as it happens, one after another in the order they happened, as a signed JSON POST. If your system
          does not answer, Shopcast keeps trying — the show is never held up.
        </p>
        <div className="settings-grid">
          <label>
            Webhook address
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
            Shared secret (at least 16 characters)
            <input
              type={showSecret ? 'text' : 'password'}
              autoComplete="new-password"
              placeholder={saved?.hasSecret ? 'saved — type a new secret to replace it' : ''}
              value={secret}
              aria-invalid={invalid('secret')}
              onChange={(event) => {
                setSecret(event.target.value);
                if (problem?.field === 'secret') setProblem(null);
              }}
            />
          </label>
          <button type="button" className="small-button" onClick={makeSecret}>
            Make a secret
          </button>
          <details className="dialog-help">
            <summary>How your system checks a request</summary>
            Each POST carries <code>X-Shopcast-Signature: sha256=</code>HMAC-SHA256 of <code>{'<X-Shopcast-Timestamp>.<raw body>'}</code> with the secret, and{' '}
            <code>X-Shopcast-Delivery</code>, the same on every retry: answer 2xx once you have it, and ignore a delivery id you have seen.
          </details>
        </div>
        {saved?.url && (
          <button type="button" className="danger" onClick={() => void turnOff()}>
            Turn off (orders waiting are not sent)
          </button>
        )}
        <FormFooter problem={problem?.message ?? failure} submitLabel="Save" onCancel={onClose} />
      </form>
    </dialog>
  );
}
