import type { StaffMember } from '../../../contract/schemas/staff.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

/** How long a code or a console session has left, as a unit and a number for the catalogue's select. */
export function timeLeft(expiresAt: number, now: number): { unit: 'expired' | 'minutes' | 'hours' | 'days'; n: number } {
  const left = expiresAt - now;
  if (left <= 0) return { unit: 'expired', n: 0 };
  const minutes = Math.ceil(left / 60_000);
  if (minutes < 60) return { unit: 'minutes', n: minutes };
  const hours = Math.round(minutes / 60);
  return hours < 48 ? { unit: 'hours', n: hours } : { unit: 'days', n: Math.round(hours / 24) };
}

/** How long ago a console was last seen: never, just now, minutes or hours. */
export function timeSince(lastSeenAt: number | null, now: number): { unit: 'never' | 'now' | 'minutes' | 'hours'; n: number } {
  if (lastSeenAt === null) return { unit: 'never', n: 0 };
  const ago = Math.max(0, now - lastSeenAt);
  if (ago < 60_000) return { unit: 'now', n: 0 };
  const minutes = Math.floor(ago / 60_000);
  return minutes < 60 ? { unit: 'minutes', n: minutes } : { unit: 'hours', n: Math.floor(minutes / 60) };
}

/** A member's state in the merchant's words. */
export function memberStateLabel(member: StaffMember, { t }: StudioTranslator): string {
  if (member.state === 'waiting') return t('staff.state.waiting');
  return member.connections > 0 ? t('staff.state.connected', { count: member.connections }) : t('staff.state.paired');
}

/** An SVG QR code as an image address: shown by an `<img>`, so nothing in it can run or style the page. */
export function svgImageSrc(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * Whether the code card still has a code to give: not once its member has paired (the code is
 * spent) or has left the list (revoked, expired) after being in it. `seen`: the member was in the
 * list once; before that the card waits for the staff event that brings it.
 */
export function pairingCodeUsable(pairingId: string, members: readonly StaffMember[], seen: boolean): boolean {
  const member = members.find((candidate) => candidate.id === pairingId);
  return member ? member.state === 'waiting' : !seen;
}
