import type { z } from 'zod';
import { issuesOf, RefusedError, type Outcome } from '../../contract/envelope.std';
import { isRequestChannel, requestChannels, type RequestChannel, type RequestOutput } from '../../contract/requests.std';
import { hostOnlyMessage, mayCall } from '../../contract/roles.std';
import type { StaffRole } from '../../contract/schemas/staff.std';
import type { Logger } from '../log/logger.std';

/** Who is calling, as established by the transport before the call reaches the dispatcher. */
export interface Sender {
  transport: 'ipc' | 'websocket';
  /** The window, browser session or staff console, for logs. */
  id: string;
  /** What the caller may do (contract/roles.std.ts): the studio's own window is the host. */
  role: StaffRole;
  /** Who acts, as the activity log shows it: "Host" for the studio, the paired name for staff. */
  name: string;
  /** True for a staff console paired on the LAN (main/staff/), not the studio itself. */
  console?: boolean;
}

export type RequestHandlers = {
  readonly [C in RequestChannel]: (
    input: z.output<(typeof requestChannels)[C]['input']>,
    sender: Sender,
  ) => Promise<RequestOutput<C>> | RequestOutput<C>;
};

export type Dispatch = (channel: unknown, payload: unknown, sender: Sender) => Promise<Outcome<unknown>>;

/**
 * The one place where a call from any transport is checked and run. It never throws: every
 * failure becomes a typed error for the caller and a log line for us. The role is checked before
 * the payload, so a moderator learns nothing about a host-only channel's data.
 */
export function createDispatcher(handlers: RequestHandlers, log: Logger): Dispatch {
  return async (channel, payload, sender) => {
    if (typeof channel !== 'string' || !isRequestChannel(channel)) {
      const name = typeof channel === 'string' ? channel.slice(0, 100) : typeof channel;
      log.warn('unknown channel', { channel: name, sender: sender.id });
      return { ok: false, error: { code: 'unknown-channel', channel: name, message: `There is no channel named "${name}".` } };
    }
    if (!mayCall(sender.role, channel)) {
      log.warn('call forbidden for the role', { channel, sender: sender.id, role: sender.role });
      return { ok: false, error: { code: 'forbidden', channel, message: hostOnlyMessage(channel) } };
    }
    const input = requestChannels[channel].input.safeParse(payload);
    if (!input.success) {
      const issues = issuesOf(input.error);
      log.warn('invalid payload', { channel, sender: sender.id, issues });
      return {
        ok: false,
        error: { code: 'invalid-payload', channel, message: `The call to ${channel} was refused: its data is not valid.`, issues },
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown, sender: Sender) => Promise<unknown>;
      const value = await handler(input.data, sender);
      return { ok: true, value: requestChannels[channel].output.parse(value) };
    } catch (error) {
      if (error instanceof RefusedError) {
        log.info('call refused', { channel, sender: sender.id, reason: error.message });
        return { ok: false, error: { code: 'failed', channel, message: error.message } };
      }
      log.error('handler failed', { channel, sender: sender.id, error });
      return { ok: false, error: { code: 'internal', channel, message: `Something went wrong in ${channel}; it has been logged.` } };
    }
  };
}
