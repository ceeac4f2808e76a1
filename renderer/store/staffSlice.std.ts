import type { StateCreator } from 'zustand';
import type { StaffState, WhoAmI } from '../../contract/schemas/staff.std';
import type { StudioState } from './studioStore.std';

export interface StaffSlice {
  /** Who this window is to the core: what it may show and call. */
  whoAmI: WhoAmI;
  /** The host's view of the staff consoles; empty for a moderator, who may not read it. */
  staff: StaffState;
  whoAmIReceived(whoAmI: WhoAmI): void;
  staffReceived(staff: StaffState): void;
}

/** The studio's own window before the core says otherwise: the host at the studio. */
export const studioHost: WhoAmI = { role: 'host', name: 'Host', console: false };

export const createStaffSlice: StateCreator<StudioState, [], [], StaffSlice> = (set) => ({
  whoAmI: studioHost,
  staff: { consoleUrl: null, message: null, members: [] },
  whoAmIReceived: (whoAmI) => set({ whoAmI }),
  staffReceived: (staff) => set({ staff }),
});
