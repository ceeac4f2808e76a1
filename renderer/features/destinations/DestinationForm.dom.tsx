import { useId, useState, type FormEvent } from 'react';
import { destinationPresets, presetList, splitPushAddress } from '../../../contract/destinationPresets.std';
import type { DestinationPlatform } from '../../../contract/schemas/destination.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudioApi } from '../../app/studioContext.dom';
import { draftProblems, inputOf, withPlatform, type DestinationDraft } from './destinationDraft.std';
import { errorMessage } from './errorMessage.std';
import { platformHints, platformLabel } from './platformWords.std';
import { FieldError } from '../../app/FieldError.dom';

/**
 * Adds or edits one destination. The stream key is a password field that starts empty: a saved
 * key is shown only as "saved" (the core never sends it back), and typing replaces it.
 */
export function DestinationForm({ initial, onDone }: { initial: DestinationDraft; onDone: () => void }) {
  const api = useStudioApi();
  const translator = useT();
  const { t } = translator;
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const preset = destinationPresets[draft.platform];
  const hints = platformHints(draft.platform, translator);
  const problems = draftProblems(draft, translator);
  const shown = (problem: string | null) => (tried ? problem : null);
  const split = preset.separateKey && problems.serverUrl ? splitPushAddress(draft.serverUrl) : null;
  // A pasted whole push address is pointed out at once, with the fix next to it.
  const serverError = shown(problems.serverUrl) ?? (split ? problems.serverUrl : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.name || problems.serverUrl || problems.streamKey) return;
    setSaving(true);
    setFailure(null);
    try {
      await api.saveDestination(inputOf(draft));
      setDraft((current) => ({ ...current, streamKey: '' }));
      onDone();
    } catch (error) {
      setFailure(errorMessage(error, translator));
    } finally {
      setSaving(false);
    }
  };

  const field = (name: string) => `${id}-${name}`;
  const described = (name: string, problem: string | null) => [`${field(name)}-hint`, problem ? `${field(name)}-error` : ''].filter(Boolean).join(' ');

  return (
    <form className="destination-form" aria-label={draft.id ? t('dest.edit', { name: initial.name }) : t('dest.form.new')} onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={field('platform')}>{t('dest.form.platform')}</label>
        <select id={field('platform')} value={draft.platform} onChange={(event) => setDraft(withPlatform(draft, event.target.value as DestinationPlatform))}>
          {presetList.map((option) => (
            <option key={option.platform} value={option.platform}>
              {platformLabel(option.platform, translator)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('name')}>{t('dest.form.name')}</label>
        <input id={field('name')} type="text" value={draft.name} maxLength={80} autoComplete="off" aria-invalid={shown(problems.name) ? true : undefined} aria-describedby={shown(problems.name) ? `${field('name')}-error` : undefined} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        {shown(problems.name) && (
          <p className="field-error" id={`${field('name')}-error`}>
            {problems.name}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={field('server')}>{t('dest.form.server')}</label>
        <input
          id={field('server')}
          type="text"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          placeholder="rtmp://…"
          value={draft.serverUrl}
          aria-invalid={serverError ? true : undefined}
          aria-describedby={described('server', serverError)}
          onChange={(event) => setDraft({ ...draft, serverUrl: event.target.value })}
        />
        <p className="field-hint" id={`${field('server')}-hint`}>
          {hints.server}
        </p>
        {serverError && (
          <p className="field-error" id={`${field('server')}-error`}>
            {serverError}
          </p>
        )}
        {split && (
          <button type="button" className="small-button" onClick={() => setDraft({ ...draft, serverUrl: split.serverUrl, streamKey: split.streamKey })}>
            {t('dest.form.moveKey')}
          </button>
        )}
      </div>
      <div className="field">
        <label htmlFor={field('key')}>{preset.separateKey ? t('dest.form.key') : t('dest.form.keyOptional')}</label>
        <input
          id={field('key')}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={draft.hasKey ? t('dest.form.keyPlaceholder') : ''}
          value={draft.streamKey}
          aria-invalid={shown(problems.streamKey) ? true : undefined}
          aria-describedby={described('key', shown(problems.streamKey))}
          onChange={(event) => setDraft({ ...draft, streamKey: event.target.value })}
        />
        <p className="field-hint" id={`${field('key')}-hint`}>
          {draft.hasKey ? <strong className="key-saved">{t('dest.form.keySavedNote')}</strong> : null}
          {hints.key}
        </p>
        {shown(problems.streamKey) && (
          <p className="field-error" id={`${field('key')}-error`}>
            {problems.streamKey}
          </p>
        )}
      </div>
      <div className="field field-check">
        <input id={field('enabled')} type="checkbox" checked={draft.enabled} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} />
        <label htmlFor={field('enabled')}>{t('dest.form.enabled')}</label>
      </div>
      <FieldError message={failure} />
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={saving} aria-busy={saving}>
          {draft.id ? t('common.save') : t('common.add')}
        </button>
        <button type="button" className="small-button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
