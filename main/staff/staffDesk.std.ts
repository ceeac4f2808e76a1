import { RefusedError } from '../../contract/envelope.std';
import type { StaffState } from '../../contract/schemas/staff.std';
import type { RequestHandlers } from '../kernel/dispatcher.std';
import type { EventHub } from '../kernel/eventHub.std';
import { WRONG_CODES_PER_CODE, type StaffRegistry } from './staffRegistry.std';

export const CONSOLE_NOT_STARTED = 'The staff console server has not started yet.';
export const NOT_A_CONSOLE = "Only a staff console announces that its page is up: the studio's own window needs no announcing.";

/** The core's side of staff consoles: the registry, where consoles connect, and their channels. */
export interface StaffDesk {
  registry: StaffRegistry;
  /** The console server's address once it listens; null with the reason when it cannot or has stopped. */
  setConsole(console: { url: string } | { url: null; message: string }): void;
  state(): StaffState;
  handlers: Pick<RequestHandlers, 'whoAmI' | 'consoleReady' | 'getStaff' | 'createStaffPairing' | 'revokeStaff'>;
  close(): void;
}

export interface StaffDeskDeps {
  registry: StaffRegistry;
  events: EventHub;
  /** The pairing link as an SVG QR code (main/network/qrCode.node.ts `qrCodeSvg`). */
  qrSvg: (text: string) => Promise<string>;
  /** Tells the host something it must act on (the core's notices). */
  notice: (message: string) => void;
}

export function createStaffDesk({ registry, events, qrSvg, notice }: StaffDeskDeps): StaffDesk {
  let consoleUrl: string | null = null;
  let message: string | null = CONSOLE_NOT_STARTED;
  const state = (): StaffState => ({ consoleUrl, message, members: registry.members() });
  const emit = () => events.emit('staff', state());
  const stopListening = registry.onChange(emit);
  // The code vanishes from the Staff tab; the host is told why, and that a new one is needed.
  const stopGuessed = registry.onCodeGuessedOut((member) =>
    notice(`The pairing code for ${member.name} was cancelled: ${WRONG_CODES_PER_CODE} wrong codes were tried on the staff console while it waited, so someone may be guessing. Make a new code on the Staff tab when ${member.name} is ready.`),
  );
  return {
    registry,
    setConsole(next) {
      consoleUrl = next.url;
      message = next.url === null ? next.message : null;
      emit();
    },
    state,
    handlers: {
      whoAmI: (_input, sender) => ({ role: sender.role, name: sender.name, console: sender.console ?? false }),
      // The window is counted by the console server, which owns the socket the call came on
      // (staffServer.node.ts); here the call is only checked.
      consoleReady: (_input, sender) => {
        if (!sender.console) throw new RefusedError(NOT_A_CONSOLE);
        return {};
      },
      getStaff: state,
      createStaffPairing: async (input) => {
        // A code nobody can reach is worse than none: the host is told why instead.
        if (consoleUrl === null) throw new RefusedError(message ?? CONSOLE_NOT_STARTED);
        const pairing = registry.createPairing(input);
        const url = `${consoleUrl}/pair?code=${pairing.code}`;
        return { ...pairing, url, qrSvg: await qrSvg(url) };
      },
      revokeStaff: ({ id }) => {
        registry.revoke(id);
        return state();
      },
    },
    close() {
      stopListening();
      stopGuessed();
      registry.close();
    },
  };
}
