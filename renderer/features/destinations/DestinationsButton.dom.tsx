import { useRef, useState } from 'react';
import { Sentence, useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';
import { destinationsOn } from '../../store/destinationsSlice.std';
import { DestinationsPanel } from './DestinationsPanel.dom';
import './destinations.css';

/** Next to Go Live: where the show goes, and how many destinations are on (the live room among them). */
export function DestinationsButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const enabled = useStudio(destinationsOn);
  const { t } = useT();
  return (
    <>
      <button
        type="button"
        className="destinations-open"
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        {enabled > 0 ? <Sentence message="dest.buttonOn" values={{ count: enabled }} tag="on" className="destinations-count" /> : t('dest.button')}
      </button>
      <dialog ref={dialog} className="destinations-dialog" aria-labelledby="destinations-heading" onClose={() => setOpen(false)}>
        {/* Mounted only while open: a half-typed stream key does not outlive the dialog. */}
        {open && <DestinationsPanel onClose={() => dialog.current?.close()} />}
      </dialog>
    </>
  );
}
