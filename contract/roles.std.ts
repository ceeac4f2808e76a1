import type { EventChannel } from './events.std';
import type { RequestChannel } from './requests.std';
import type { StaffRole } from './schemas/staff.std';

// What each role may call and hear. The host may do everything. A moderator runs the live panel
// (comments, pins, orders, promotions) and reads what the panel needs; stream control, keys,
// destinations, scenes, settings changes, the catalogue's edits and staff pairing stay the host's.

const moderatorChannels: ReadonlySet<RequestChannel> = new Set<RequestChannel>([
  'whoAmI',
  'consoleReady',
  'getSettings',
  'getStatus',
  'getNotices',
  'getLiveRoom',
  'getLiveSession',
  'getLiveLayers',
  'getPanel',
  'panelAction',
  'getCatalogue',
]);

const moderatorEvents: ReadonlySet<EventChannel> = new Set<EventChannel>(['settings', 'status', 'notice', 'live', 'liveLayers', 'panel', 'catalogue']);

export function mayCall(role: StaffRole, channel: RequestChannel): boolean {
  return role === 'host' || moderatorChannels.has(channel);
}

export function mayHear(role: StaffRole, event: EventChannel): boolean {
  return role === 'host' || moderatorEvents.has(event);
}

/** The refusal a moderator reads: what was refused and who can do it. */
export function hostOnlyMessage(channel: RequestChannel): string {
  return `Only the host can do that (${channel}): a moderator runs comments, pins, orders and promotions, not the stream, keys, settings or the catalogue.`;
}
