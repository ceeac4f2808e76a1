import { useState } from 'react';
import { destinationPresets } from '../../../contract/destinationPresets.std';
import type { Destination } from '../../../contract/schemas/destination.std';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { ConfirmRemove } from '../scenes/ConfirmRemove.dom';
import { DestinationForm } from './DestinationForm.dom';
import { draftOf, inputOf, newDraft, type DestinationDraft } from './destinationDraft.std';
import { errorMessage } from './errorMessage.std';
import { FieldError } from '../../app/FieldError.dom';

/** The RTMP(S) destinations: a list with on/off switches, and one form to add or edit. */
export function DestinationsPanel({ onClose }: { onClose: () => void }) {
  const api = useStudioApi();
  const destinations = useStudio((state) => state.destinations);
  const [editing, setEditing] = useState<DestinationDraft | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // The merchant's click shows at once; the core's answer (the destinations event) then settles it.
  const [switching, setSwitching] = useState<ReadonlyMap<string, boolean>>(new Map());

  const call = async (run: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await run();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  const toggle = async (destination: Destination, enabled: boolean) => {
    setSwitching((current) => new Map(current).set(destination.id, enabled));
    try {
      await call(() => api.saveDestination(inputOf({ ...draftOf(destination), enabled })));
    } finally {
      setSwitching((current) => {
        const next = new Map(current);
        next.delete(destination.id);
        return next;
      });
    }
  };
  const remove = (id: string) =>
    call(async () => {
      await api.removeDestination({ id });
      setRemoving(null);
    });

  return (
    <div className="destinations">
      <div className="destinations-head">
        <h2 id="destinations-heading">Destinations</h2>
        <button type="button" className="small-button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="destinations-intro">The live room always gets the show. Switched-on destinations below get it too when you go live.</p>
      <FieldError message={failure} />
      {destinations.length === 0 ? (
        <p className="empty">No RTMP destinations yet.</p>
      ) : (
        <ul className="destination-list" aria-label="RTMP destinations">
          {destinations.map((destination) =>
            removing === destination.id ? (
              <li key={destination.id}>
                <ConfirmRemove name={destination.name} what="destination" onConfirm={() => void remove(destination.id)} onCancel={() => setRemoving(null)} />
              </li>
            ) : (
              <li key={destination.id} className="destination-row">
                <input
                  type="checkbox"
                  checked={switching.get(destination.id) ?? destination.enabled}
                  aria-label={`Send the show to ${destination.name}`}
                  onChange={(event) => void toggle(destination, event.target.checked)}
                />
                <span className="destination-what">
                  <span className="destination-name">{destination.name}</span>
                  <span className="destination-detail">
                    {destinationPresets[destination.platform].label} · {destination.hasKey ? 'key saved' : 'no stream key'}
                  </span>
                </span>
                <button type="button" className="small-button" aria-label={`Edit ${destination.name}`} onClick={() => setEditing(draftOf(destination))}>
                  Edit
                </button>
                <button type="button" className="small-button" aria-label={`Remove ${destination.name}`} onClick={() => setRemoving(destination.id)}>
                  Remove
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      {editing ? (
        <DestinationForm key={editing.id ?? 'new'} initial={editing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="add-button" onClick={() => setEditing(newDraft())}>
          Add destination
        </button>
      )}
    </div>
  );
}
