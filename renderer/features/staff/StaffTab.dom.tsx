import { useEffect, useState } from 'react';
import { staffRoles, type StaffPairing, type StaffRole } from '../../../contract/schemas/staff.std';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { ConfirmAction } from '../../app/ConfirmAction.dom';
import { expiryLabel, lastSeenLabel, memberStateLabel, pairingCodeUsable, svgImageSrc } from './staffText.std';
import { FieldError } from '../../app/FieldError.dom';

const roleLabels: Record<StaffRole, string> = { host: 'Host (everything)', moderator: 'Moderator (comments, orders, promotions)' };

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
  return (
    <section className="pairing-card" aria-label={`Pairing for ${pairing.name}`}>
      <p>
        Give <strong>{pairing.name}</strong> ({pairing.role}) this code, or let them scan the QR code:
      </p>
      <p className="pairing-code" aria-label="Pairing code">
        {pairing.code}
      </p>
      <img className="qr" src={svgImageSrc(pairing.qrSvg)} alt={`QR code for ${pairing.url}`} width={160} height={160} />
      <p className="pairing-link">
        <a href={pairing.url} target="_blank" rel="noreferrer noopener">
          {pairing.url}
        </a>
      </p>
      <p className="label">Single use; expires {expiryLabel(pairing.expiresAt, now)}.</p>
      <button type="button" className="small-button" onClick={onClose}>
        Done
      </button>
    </section>
  );
}

/** Staff consoles (host only): pair a moderator's or co-host's computer, see who is connected, revoke. */
export function StaffTab() {
  const api = useStudioApi();
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
          aria-label="Add staff"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <label>
            Name
            <input value={name} maxLength={40} onChange={(event) => setName(event.target.value)} />
          </label>
          <label>
            Role
            <select value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
              {staffRoles.map((option) => (
                <option key={option} value={option}>
                  {roleLabels[option]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={name.trim() === ''}>
            Add staff
          </button>
        </form>
      )}
      <FieldError message={failure} />
      {staff.members.length === 0 ? (
        <p className="empty">No staff yet. A moderator on another computer can run comments, orders and promotions while you present.</p>
      ) : (
        <ul className="staff-list" aria-label="Staff">
          {staff.members.map((member) =>
            revoking === member.id ? (
              <li key={member.id}>
                <ConfirmAction
                  question={`Revoke ${member.name} (${member.role})? Their console closes at once.`}
                  verb="Revoke"
                  onConfirm={() => void run(() => api.revokeStaff({ id: member.id })).then(() => setRevoking(null))}
                  onCancel={() => setRevoking(null)}
                />
              </li>
            ) : (
              <li key={member.id} className="staff-member" aria-label={member.name}>
                <div>
                  <strong>{member.name}</strong> <span className="tag">{member.role}</span>
                  <div className="label">
                    {memberStateLabel(member)} · last seen {lastSeenLabel(member.lastSeenAt, now)} · {member.state === 'waiting' ? 'code expires' : 'session ends'} {expiryLabel(member.expiresAt, now)}
                  </div>
                </div>
                <button type="button" className="small-button" aria-label={`Revoke ${member.name}`} onClick={() => setRevoking(member.id)}>
                  Revoke
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}
