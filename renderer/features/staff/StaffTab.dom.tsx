import { useEffect, useState } from 'react';
import { staffRoles, type StaffPairing, type StaffRole } from '../../../contract/schemas/staff.std';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { ConfirmAction } from '../../app/ConfirmAction.dom';
import { memberStateLabel, pairingCodeUsable, svgImageSrc, timeLeft, timeSince } from './staffText.std';
import { FieldError } from '../../app/FieldError.dom';
import { Sentence, useT } from '../../app/i18n/studioI18n.dom';

/** "Now", refreshed every few seconds, for expiries and last-seen times. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function PairingCard({ pairing, now, onClose }: { pairing: StaffPairing; now: number; onClose: () => void }) {
  const { t } = useT();
  return (
    <section className="pairing-card" aria-label={t('staff.pairing', { name: pairing.name })}>
      <p>
        <Sentence message="staff.giveCode" values={{ name: pairing.name, role: pairing.role }} tag="who" className="pairing-name" />
      </p>
      <p className="pairing-code" aria-label={t('staff.code')}>
        {pairing.code}
      </p>
      <img className="qr" src={svgImageSrc(pairing.qrSvg)} alt={t('staff.qr', { url: pairing.url })} width={160} height={160} />
      <p className="pairing-link">
        <a href={pairing.url} target="_blank" rel="noreferrer noopener">
          {pairing.url}
        </a>
      </p>
      <p className="label">{t('staff.singleUse', timeLeft(pairing.expiresAt, now))}</p>
      <button type="button" className="small-button" onClick={onClose}>
        {t('common.done')}
      </button>
    </section>
  );
}

/** Staff consoles (host only): pair a moderator's or co-host's computer, see who is connected, revoke. */
export function StaffTab() {
  const api = useStudioApi();
  const translator = useT();
  const { t } = translator;
  const staff = useStudio((state) => state.staff);
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('moderator');
  const [pairing, setPairing] = useState<StaffPairing | null>(null);
  const [pairingSeen, setPairingSeen] = useState(false);
  const [revoking, setRevoking] = useState<string | null>(null);
  const { run, failure } = usePanelCall();
  const now = useNow(5000);

  const add = () =>
    void run(async () => {
      setPairing(await api.createStaffPairing({ name: name.trim(), role }));
      setPairingSeen(false);
      setName('');
    });

  // The card goes once its code can no longer pair anyone (spent, revoked, expired): a revoked
  // code left on screen would be handed out and refused. Derived while rendering, as React
  // recommends for state that follows other state.
  if (pairing && !pairingSeen && staff.members.some((member) => member.id === pairing.id)) setPairingSeen(true);
  if (pairing && !pairingCodeUsable(pairing.id, staff.members, pairingSeen)) setPairing(null);

  return (
    <div className="staff-tab">
      {staff.message && (
        <p role="status" className="warning">
          {staff.message}
        </p>
      )}
      {pairing ? (
        <PairingCard pairing={pairing} now={now} onClose={() => setPairing(null)} />
      ) : (
        <form
          className="staff-form"
          aria-label={t('staff.form')}
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <label>
            {t('staff.name')}
            <input value={name} maxLength={40} onChange={(event) => setName(event.target.value)} />
          </label>
          <label>
            {t('staff.roleLabel')}
            <select value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
              {staffRoles.map((option) => (
                <option key={option} value={option}>
                  {t(`staff.role.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={name.trim() === ''}>
            {t('staff.add')}
          </button>
        </form>
      )}
      <FieldError message={failure} />
      {staff.members.length === 0 ? (
        <p className="empty">{t('staff.none')}</p>
      ) : (
        <ul className="staff-list" aria-label={t('staff.list')}>
          {staff.members.map((member) =>
            revoking === member.id ? (
              <li key={member.id}>
                <ConfirmAction
                  question={t('staff.revokeQuestion', { name: member.name, role: member.role })}
                  verb={t('staff.revoke')}
                  onConfirm={() => void run(() => api.revokeStaff({ id: member.id })).then(() => setRevoking(null))}
                  onCancel={() => setRevoking(null)}
                />
              </li>
            ) : (
              <li key={member.id} className="staff-member" aria-label={member.name}>
                <div>
                  <strong>{member.name}</strong> <span className="tag">{t('staff.roleTag', { role: member.role })}</span>
                  <div className="label">
                    {memberStateLabel(member, translator)} · {t('staff.lastSeen', timeSince(member.lastSeenAt, now))} · {t(member.state === 'waiting' ? 'staff.codeExpires' : 'staff.sessionEnds', timeLeft(member.expiresAt, now))}
                  </div>
                </div>
                <button type="button" className="small-button" aria-label={t('staff.revokeLabel', { name: member.name })} onClick={() => setRevoking(member.id)}>
                  {t('staff.revoke')}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}
