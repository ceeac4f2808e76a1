import { useState } from 'react';
import type { Destination } from '../../../contract/schemas/destination.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { ConfirmRemove } from '../scenes/ConfirmRemove.dom';
import { DestinationForm } from './DestinationForm.dom';
import { draftOf, inputOf, newDraft, type DestinationDraft } from './destinationDraft.std';
import { errorMessage } from './errorMessage.std';
import { platformLabel } from './platformWords.std';
import { FieldError } from '../../app/FieldError.dom';

/** The own room's key among the switches in flight (destination ids are UUIDs). */
const OWN_ROOM = 'own-room';

/**
 * Where the show goes: the studio's own live room, then the RTMP(S) destinations, each with an
 * on/off switch, and one form to add or edit those.
 */
export function DestinationsPanel({ onClose }: { onClose: () => void }) {
  const api = useStudioApi();
  const translator = useT();
  const { t } = translator;
  const destinations = useStudio((state) => state.destinations);
  const liveRoomEnabled = useStudio((state) => state.settings.liveRoomEnabled);
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
      setFailure(errorMessage(error, translator));
    }
  };
  const switchOver = async (id: string, enabled: boolean, save: () => Promise<unknown>) => {
    setSwitching((current) => new Map(current).set(id, enabled));
    try {
      await call(save);
    } finally {
      setSwitching((current) => {
        const next = new Map(current);
        next.delete(id);
        return next;
      });
    }
  };
  const toggle = (destination: Destination, enabled: boolean) => switchOver(destination.id, enabled, () => api.saveDestination(inputOf({ ...draftOf(destination), enabled })));
  const switchOwnRoom = (enabled: boolean) => switchOver(OWN_ROOM, enabled, () => api.updateSettings({ liveRoomEnabled: enabled }));
  const remove = (id: string) =>
    call(async () => {
      await api.removeDestination({ id });
      setRemoving(null);
    });

  return (
    <div className="destinations">
      <div className="destinations-head">
        <h2 id="destinations-heading">{t('dest.heading')}</h2>
        <button type="button" className="small-button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <p className="destinations-intro">{t('dest.intro')}</p>
      <FieldError message={failure} />
      <div className="destination-row own-room">
        <input
          type="checkbox"
          checked={switching.get(OWN_ROOM) ?? liveRoomEnabled}
          aria-label={t('dest.ownRoomSwitch')}
          onChange={(event) => void switchOwnRoom(event.target.checked)}
        />
        <span className="destination-what">
          <span className="destination-name">{t('dest.ownRoom')}</span>
          <span className="destination-detail">{liveRoomEnabled ? t('dest.ownRoomOn') : t('dest.ownRoomOff')}</span>
        </span>
      </div>
      {destinations.length === 0 ? (
        <p className="empty">{t('dest.none')}</p>
      ) : (
        <ul className="destination-list" aria-label={t('dest.list')}>
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
                  aria-label={t('dest.switch', { name: destination.name })}
                  onChange={(event) => void toggle(destination, event.target.checked)}
                />
                <span className="destination-what">
                  <span className="destination-name">{destination.name}</span>
                  <span className="destination-detail">
                    {t(destination.hasKey ? 'dest.keySaved' : 'dest.noKey', { platform: platformLabel(destination.platform, translator) })}
                  </span>
                </span>
                <button type="button" className="small-button" aria-label={t('dest.edit', { name: destination.name })} onClick={() => setEditing(draftOf(destination))}>
                  {t('common.edit')}
                </button>
                <button type="button" className="small-button" aria-label={t('dest.remove', { name: destination.name })} onClick={() => setRemoving(destination.id)}>
                  {t('common.remove')}
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
          {t('dest.add')}
        </button>
      )}
    </div>
  );
}
