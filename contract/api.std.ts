import type { z } from 'zod';
import { ContractError, issuesOf, type Outcome } from './envelope.std';
import {
  requestChannels,
  type RequestChannel,
  type RequestInput,
  type RequestOutput,
} from './requests.std';
import { eventChannels, type EventChannel, type EventPayload } from './events.std';

type Unsubscribe = () => void;

/**
 * What a transport (Electron preload, the WebSocket bridge) exposes: one function per channel,
 * answering an Outcome rather than throwing, because thrown errors lose their code when they cross
 * Electron's contextBridge.
 */
export interface OutcomeApi {
  readonly requests: { readonly [C in RequestChannel]: (payload: unknown) => Promise<Outcome<unknown>> };
  readonly events: { readonly [E in EventChannel]: (listener: (payload: unknown) => void) => Unsubscribe };
}

/** Builds an OutcomeApi from a transport's two primitives; only the contract's channels exist on it. */
export function buildOutcomeApi(
  call: (channel: RequestChannel, payload: unknown) => Promise<Outcome<unknown>>,
  listen: (event: EventChannel, listener: (payload: unknown) => void) => Unsubscribe,
): OutcomeApi {
  const requests = Object.fromEntries(
    (Object.keys(requestChannels) as RequestChannel[]).map((channel) => [
      channel,
      (payload: unknown) => call(channel, payload),
    ]),
  ) as OutcomeApi['requests'];
  const events = Object.fromEntries(
    (Object.keys(eventChannels) as EventChannel[]).map((event) => [
      event,
      (listener: (payload: unknown) => void) => listen(event, listener),
    ]),
  ) as OutcomeApi['events'];
  return { requests, events };
}

type RequestFunction<C extends RequestChannel> =
  // A channel whose input has no required field can be called without an argument.
  Record<never, never> extends RequestInput<C>
    ? (input?: RequestInput<C>) => Promise<RequestOutput<C>>
    : (input: RequestInput<C>) => Promise<RequestOutput<C>>;

type EventFunctionName<E extends EventChannel> = `on${Capitalize<E>}`;

/** The renderer's typed API: one function per request channel, one `on…` per event channel. */
export type StudioApi = { readonly [C in RequestChannel]: RequestFunction<C> } & {
  readonly [E in EventChannel as EventFunctionName<E>]: (
    listener: (payload: EventPayload<E>) => void,
  ) => Unsubscribe;
};

function eventFunctionName<E extends EventChannel>(event: E): EventFunctionName<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as EventFunctionName<E>;
}

/**
 * Wraps an OutcomeApi into the typed StudioApi. Answers and events are validated here too: the
 * renderer trusts the core, but a contract drift should fail loudly at the boundary, not deep in a
 * component.
 */
export function createStudioApi(
  outcomes: OutcomeApi,
  onInvalidEvent: (event: EventChannel, error: z.ZodError) => void = () => {},
): StudioApi {
  const api: Record<string, unknown> = {};
  for (const channel of Object.keys(requestChannels) as RequestChannel[]) {
    const { output } = requestChannels[channel];
    api[channel] = async (input: unknown = {}) => {
      const outcome = await outcomes.requests[channel](input);
      if (!outcome.ok) throw new ContractError(outcome.error);
      const parsed = output.safeParse(outcome.value);
      if (!parsed.success) {
        throw new ContractError({
          code: 'internal',
          channel,
          message: `The studio answered ${channel} with data this window does not understand.`,
          issues: issuesOf(parsed.error),
        });
      }
      return parsed.data;
    };
  }
  for (const event of Object.keys(eventChannels) as EventChannel[]) {
    const schema = eventChannels[event];
    api[eventFunctionName(event)] = (listener: (payload: unknown) => void) =>
      outcomes.events[event]((payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data);
        else onInvalidEvent(event, parsed.error);
      });
  }
  return api as StudioApi;
}
