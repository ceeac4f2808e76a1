import { useId, useState, type ReactNode } from 'react';
import { IMAGE_ACCEPT } from './imageFile.std';
import { joinColour, splitColour } from './colour.std';
import { readImageFile, type LoadedImage } from './readImage.dom';
import { FilePicker } from '../../app/FilePicker.dom';
import { useT } from '../../app/i18n/studioI18n.dom';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

// Labelled form controls for the properties editor. A field keeps what the merchant types as a
// draft: a valid value is applied at once, an invalid one stays in the field with the reason
// under it and the store keeps the last valid value.

function FieldMessage({ id, error, hint }: { id: string; error: string | null; hint?: ReactNode }) {
  return (
    <>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function describedBy(id: string, error: string | null, hint: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A change handler answers a string when it refused the change (see useSourceUpdate). */
const problemOf = (answer: unknown): string | null => (typeof answer === 'string' ? answer : null);

export interface DraftFieldProps {
  label: string;
  /** The stored value, formatted for the field. */
  value: string;
  /** Applies the text if valid; answers why not otherwise. */
  onCommit: (text: string) => string | null;
  multiline?: boolean;
  maxLength?: number;
  inputMode?: 'text' | 'decimal' | 'numeric';
  placeholder?: string;
  hint?: ReactNode;
  className?: string;
}

export function DraftField({ label, value, onCommit, multiline, maxLength, inputMode, placeholder, hint, className }: DraftFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A change from elsewhere (a drag in the preview, another window) shows here unless the
  // merchant is typing in this very field.
  if (value !== shown) {
    setShown(value);
    if (!focused) {
      setDraft(value);
      setError(null);
    }
  }
  const change = (text: string) => {
    setDraft(text);
    setError(onCommit(text));
  };
  const common = {
    id,
    value: draft,
    maxLength,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, error, hint),
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false);
      // Tidies a valid entry ("19.9" → "19.90"); an invalid one stays, with its reason.
      if (!error) setDraft(value);
    },
  };
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={2} onChange={(event) => change(event.target.value)} />
      ) : (
        <input {...common} type="text" inputMode={inputMode} autoComplete="off" spellCheck={inputMode ? false : undefined} onChange={(event) => change(event.target.value)} />
      )}
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export const fitOptions = ({ t }: StudioTranslator): readonly Option[] => [
  { value: 'cover', label: t('props.fit.cover') },
  { value: 'contain', label: t('props.fit.contain') },
];

export function SelectField({ label, value, options, onChange, hint }: { label: string; value: string; options: readonly Option[]; onChange: (value: string) => unknown; hint?: ReactNode }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} aria-describedby={describedBy(id, error, hint)} onChange={(event) => setError(problemOf(onChange(event.target.value)))}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  );
}

export function CheckboxField({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (checked: boolean) => unknown; hint?: ReactNode }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={checked} aria-describedby={describedBy(id, error, hint)} onChange={(event) => setError(problemOf(onChange(event.target.checked)))} />
      <label htmlFor={id}>{label}</label>
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  );
}

/** A colour, and for colours that may be see-through (backgrounds) an opacity slider. */
export function ColourField({ label, value, onChange, withOpacity }: { label: string; value: string; onChange: (colour: string) => string | null; withOpacity?: boolean }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const { rgb, alpha } = splitColour(value);
  const { t } = useT();
  return (
    <div className="field field-colour">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="color" value={rgb} onChange={(event) => setError(onChange(joinColour(event.target.value, alpha)))} />
      {withOpacity && (
        <>
          <label htmlFor={`${id}-opacity`}>{t('props.opacity')}</label>
          <input
            id={`${id}-opacity`}
            aria-label={t('props.opacityOf', { label })}
            type="range"
            min={0}
            max={100}
            value={Math.round(alpha * 100)}
            aria-valuetext={`${Math.round(alpha * 100)} %`}
            onChange={(event) => setError(onChange(joinColour(rgb, Number(event.target.value) / 100)))}
          />
        </>
      )}
      <FieldMessage id={id} error={error} />
    </div>
  );
}

/** Picks a PNG/JPEG/WebP/GIF of at most 2 MB; anything else is refused with the reason, and nothing changes. */
export function ImageFileField({ label, onImage, hint }: { label: string; onImage: (image: LoadedImage) => string | null; hint?: ReactNode }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const translator = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FilePicker
        id={id}
        accept={IMAGE_ACCEPT}
        disabled={busy}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onFile={(file) => {
          setBusy(true);
          void readImageFile(file, translator).then((result) => {
            setBusy(false);
            setError(result.ok ? onImage(result.value) : result.message);
          });
        }}
      />
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  );
}
