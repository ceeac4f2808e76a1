import { useRef, useState } from 'react';
import { useStudio } from '../../app/studioContext.dom';
import { destinationsOn } from '../../store/destinationsSlice.std';
import { DestinationsPanel } from './DestinationsPanel.dom';
import './destinations.css';

/** Next to Go Live: where the show goes, and how many destinations are on (the live room among them). */
export function DestinationsButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const enabled = useStudio(destinationsOn);
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
        Destinations{enabled > 0 && <span className="destinations-count"> · {enabled} on</span>}
      </button>
      <dialog ref={dialog} className="destinations-dialog" aria-labelledby="destinations-heading" onClose={() => setOpen(false)}>
        {/* Mounted only while open: a half-typed stream key does not outlive the dialog. */}
        {open && <DestinationsPanel onClose={() => dialog.current?.close()} />}
      </dialog>
    </>
  );
}
