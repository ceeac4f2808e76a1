import type { StaffMember } from '../../../contract/schemas/staff.std';

/** "in 4 min", "in 2 h", "expired": how long a code or a console session has left. */
export function expiryLabel(expiresAt: number, now: number): string {
  const left = expiresAt - now;
  if (left <= 0) return 'expired';
  const minutes = Math.ceil(left / 60_000);
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `in ${hours} h` : `in ${Math.round(hours / 24)} days`;
}

/** "never", "just now", "5 min ago", "3 h ago". */
export function lastSeenLabel(lastSeenAt: number | null, now: number): string {
  if (lastSeenAt === null) return 'never';
  const ago = Math.max(0, now - lastSeenAt);
  if (ago < 60_000) return 'just now';
  const minutes = Math.floor(ago / 60_000);
  return minutes < 60 ? `${minutes} min ago` : `${Math.floor(minutes / 60)} h ago`;
}

export function memberStateLabel(member: StaffMember): string {
  if (member.state === 'waiting') return 'waiting for the code';
  return member.connections > 0 ? `connected (${member.connections} window${member.connections === 1 ? '' : 's'})` : 'paired, not connected';
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
