import { useRef, useState, type ButtonHTMLAttributes } from 'react';
import { useT } from './i18n/studioI18n.dom';

/**
 * A file input whose words follow the studio's language. Chromium draws a plain file input's
 * "Choose File" / "No file chosen" in the browser's own language, so a merchant who switched the
 * studio to Chinese still read English there. The control is a button (the field's label names
 * it, through `id`) that opens the browser's file chooser; the input itself is never shown.
 */
export function FilePicker({
  chooseLabel,
  accept,
  onFile,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onClick' | 'className'> & {
  chooseLabel?: string;
  accept: string;
  onFile: (file: File) => void;
}) {
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <span className="file-picker">
      <button {...button} type="button" onClick={() => input.current?.click()}>
        {chooseLabel ?? t('file.choose')}
      </button>
      <span className="file-name">{chosen ?? t('file.none')}</span>
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        onChange={(event) => {
          const picked = event.currentTarget.files?.[0];
          // Cleared so choosing the same file again is seen as a change.
          event.currentTarget.value = '';
          if (!picked) return;
          setChosen(picked.name);
          onFile(picked);
        }}
      />
    </span>
  );
}
