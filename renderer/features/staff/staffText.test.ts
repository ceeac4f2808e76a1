import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../../../contract/schemas/staff.std';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { memberStateLabel, pairingCodeUsable, timeLeft, timeSince } from './staffText.std';

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

describe('a member’s line', () => {
  it('says time left and time since as a unit and a number, each one message per language', () => {
    expect(timeLeft(0, 1)).toEqual({ unit: 'expired', n: 0 });
    expect(timeLeft(4 * 60_000, 0)).toEqual({ unit: 'minutes', n: 4 });
    expect(timeLeft(3 * 3_600_000, 0)).toEqual({ unit: 'hours', n: 3 });
    expect(timeLeft(72 * 3_600_000, 0)).toEqual({ unit: 'days', n: 3 });
    expect(timeSince(null, 0)).toEqual({ unit: 'never', n: 0 });
    expect(timeSince(0, 5 * 60_000)).toEqual({ unit: 'minutes', n: 5 });
    const en = createStudioTranslator('en');
    const zh = createStudioTranslator('zh-CN');
    expect(en.t('staff.sessionEnds', timeLeft(2 * 3_600_000, 0))).toBe('session ends in 2 h');
    expect(zh.t('staff.codeExpires', timeLeft(4 * 60_000, 0))).toBe('配对码 4 分钟后过期');
    expect(memberStateLabel({ ...member('paired'), connections: 1 }, en)).toBe('connected (1 window)');
    expect(memberStateLabel({ ...member('paired'), connections: 2 }, zh)).toBe('已连接（2 个窗口）');
  });
});
