import { useId, type ReactNode } from 'react';

export interface InputProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * A labelled control with its problem under it, where the eye already is: the control marked
 * (aria-invalid, a red border) and the message read with it (aria-describedby). A field with a
 * problem takes the row's whole width, so "The price is more than ¥1,000,000.00…" is not squeezed
 * into a column a price's width.
 */
export function FormField({
  label,
  error,
  note,
  hint,
  className,
  children,
}: {
  label: ReactNode;
  error: string | undefined;
  note?: string | null;
  /** A plain remark under the control (not a warning). */
  hint?: string | null;
  className?: string;
  children: (props: InputProps) => ReactNode;
}) {
  const id = useId();
  const described = [error ? `${id}-error` : '', note ? `${id}-note` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className={`form-field ${error ? 'invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined })}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {note && (
        <p className="flag-warning" id={`${id}-note`}>
          {note}
        </p>
      )}
    </div>
  );
}

