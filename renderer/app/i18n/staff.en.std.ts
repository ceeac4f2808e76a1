// Staff consoles, as the host's Staff tab offers them: pairing, who is connected, revoking.
// Spans of time come as a unit and a number (staffText.std.ts), so each sentence is one message.

export const staffEn = {
  'staff.role.host': 'Host (everything)',
  'staff.role.moderator': 'Moderator (comments, orders, promotions)',
  'staff.roleTag': '{role, select, host {host} moderator {moderator} other {{role}}}',
  'staff.pairing': 'Pairing for {name}',
  'staff.giveCode': 'Give <who>{name}</who> ({role, select, host {host} moderator {moderator} other {{role}}}) this code, or let them scan the QR code:',
  'staff.code': 'Pairing code',
  'staff.qr': 'QR code for {url}',
  'staff.singleUse': 'Single use; {unit, select, expired {expired.} minutes {expires in {n} min.} hours {expires in {n} h.} other {expires in {n} days.}}',
  'staff.form': 'Add staff',
  'staff.name': 'Name',
  'staff.roleLabel': 'Role',
  'staff.add': 'Add staff',
  'staff.none': 'No staff yet. A moderator on another computer can run comments, orders and promotions while you present.',
  'staff.list': 'Staff',
  'staff.revokeQuestion': 'Revoke {name} ({role, select, host {host} moderator {moderator} other {{role}}})? Their console closes at once.',
  'staff.revoke': 'Revoke',
  'staff.revokeLabel': 'Revoke {name}',
  'staff.state.waiting': 'waiting for the code',
  'staff.state.connected': '{count, plural, one {connected (# window)} other {connected (# windows)}}',
  'staff.state.paired': 'paired, not connected',
  'staff.lastSeen': '{unit, select, never {last seen never} now {last seen just now} minutes {last seen {n} min ago} other {last seen {n} h ago}}',
  'staff.codeExpires': '{unit, select, expired {code expired} minutes {code expires in {n} min} hours {code expires in {n} h} other {code expires in {n} days}}',
  'staff.sessionEnds': '{unit, select, expired {session expired} minutes {session ends in {n} min} hours {session ends in {n} h} other {session ends in {n} days}}',
} as const;
