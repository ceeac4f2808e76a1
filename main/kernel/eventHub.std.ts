import type { EventChannel, EventPayload } from '../../contract/events.std';

export type EventListener = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;

/** Fans the core's events out to every connected renderer (Electron windows, browser sessions). */
export interface EventHub {
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(onListenerError: (error: unknown) => void): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch (error) {
          // One broken connection must not keep the event from the others.
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
