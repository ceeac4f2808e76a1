import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../../../contract/schemas/staff.std';
import { pairingCodeUsable } from './staffText.std';

const member = (state: StaffMember['state']): StaffMember => ({ id: 'm1', name: 'Lin', role: 'moderator', state, connections: 0, createdAt: 0, lastSeenAt: null, expiresAt: 1 });

describe('pairingCodeUsable', () => {
  it('keeps the code while its member waits for it, and before the staff event brings the member', () => {
    expect(pairingCodeUsable('m1', [member('waiting')], true)).toBe(true);
    expect(pairingCodeUsable('m1', [], false)).toBe(true);
  });
  it('drops a spent code (paired) and a revoked or expired one (gone from the list)', () => {
    expect(pairingCodeUsable('m1', [member('paired')], true)).toBe(false);
    expect(pairingCodeUsable('m1', [], true)).toBe(false);
  });
});
