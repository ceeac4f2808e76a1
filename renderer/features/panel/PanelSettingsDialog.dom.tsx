import { useEffect, useRef, useState } from 'react';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { draftOfPanelSettings, panelSettingsOf, type PanelSettingsDraft } from './panelSettingsDraft.std';
import { FormFooter } from '../../app/FormFooter.dom';
import { usePanelCall } from './usePanelCall.dom';

/** The live panel's settings (host only): word lists, comment-to-claim, the order sound, the toast and quick replies. */
export function PanelSettingsDialog({ onClose }: { onClose: () => void }) {
  const api = useStudioApi();
  const translator = useT();
  const { t } = translator;
  const settings = useStudio((state) => state.settings.livePanel);
  const [draft, setDraft] = useState<PanelSettingsDraft>(() => draftOfPanelSettings(settings));
  const [problem, setProblem] = useState<string | null>(null);
  const { run, failure } = usePanelCall();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const edit = <K extends keyof PanelSettingsDraft>(key: K, value: PanelSettingsDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const save = async () => {
    const checked = panelSettingsOf(draft, translator);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    setProblem(null);
    if (await run(() => api.updateSettings({ livePanel: checked.value }))) onClose();
  };

  return (
    <dialog ref={dialog} className="panel-settings" aria-labelledby="panel-settings-title" onCancel={onClose} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id="panel-settings-title">{t('settings.title')}</h2>
        <div className="settings-grid">
          <label>
            {t('settings.blocked')}
            <textarea rows={4} value={draft.blockedWords} onChange={(event) => edit('blockedWords', event.target.value)} />
          </label>
          <label>
            {t('settings.superlatives')}
            <textarea rows={4} value={draft.flaggedSuperlatives} onChange={(event) => edit('flaggedSuperlatives', event.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.claimsEnabled} onChange={(event) => edit('claimsEnabled', event.target.checked)} />
            {t('settings.claims')}
          </label>
          <label>
            {t('settings.claimWords')}
            <textarea rows={3} value={draft.claimKeywords} disabled={!draft.claimsEnabled} onChange={(event) => edit('claimKeywords', event.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.orderSound} onChange={(event) => edit('orderSound', event.target.checked)} />
            {t('orders.sound')}
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.purchaseToast} onChange={(event) => edit('purchaseToast', event.target.checked)} />
            {t('orders.toast')}
          </label>
          <label>
            {t('settings.quickReplies')}
            <textarea rows={4} value={draft.quickReplies} onChange={(event) => edit('quickReplies', event.target.value)} />
          </label>
        </div>
        <FormFooter problem={problem ?? failure} submitLabel={t('common.save')} onCancel={onClose} />
      </form>
    </dialog>
  );
}
