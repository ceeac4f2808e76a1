import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildOutcomeApi, createStudioApi } from './api.std';
import { ContractError, type Outcome } from './envelope.std';
import { eventChannels, type EventChannel } from './events.std';
import { requestChannels, type RequestChannel } from './requests.std';
import { defaultSettings, type Settings } from './schemas/settings.std';

/** An in-memory transport: scripted answers per channel, and listeners the test can fire. */
function memoryTransport(answers: Partial<Record<RequestChannel, Outcome<unknown>>>) {
  const calls: { channel: RequestChannel; payload: unknown }[] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const outcomes = buildOutcomeApi(
    (channel, payload) => {
      calls.push({ channel, payload });
      return Promise.resolve(answers[channel] ?? { ok: false, error: { code: 'internal', message: 'no scripted answer' } });
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );
  const fire = (event: EventChannel, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
  return { outcomes, calls, fire };
}

async function contractErrorOf(promise: Promise<unknown>): Promise<ContractError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error('expected a ContractError');
}

describe('buildOutcomeApi', () => {
  it('has exactly the contract channels and forwards calls with their payload', async () => {
    const { outcomes, calls } = memoryTransport({ getStatus: { ok: true, value: 1 } });
    expect(Object.keys(outcomes.requests).sort()).toEqual(Object.keys(requestChannels).sort());
    expect(Object.keys(outcomes.events).sort()).toEqual(Object.keys(eventChannels).sort());
    expect(await outcomes.requests.getStatus({ x: 1 })).toEqual({ ok: true, value: 1 });
    expect(calls).toEqual([{ channel: 'getStatus', payload: { x: 1 } }]);
  });
});

describe('createStudioApi', () => {
  it('exposes one function per request channel and one on… per event, and nothing else', () => {
    const api = createStudioApi(memoryTransport({}).outcomes);
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(requestChannels), 'onStatus', 'onSettings', 'onNotice', 'onScenes', 'onLiveLayers', 'onLive', 'onDestinations', 'onPanel', 'onCatalogue', 'onOrderWebhook', 'onStaff', 'onLibrary', 'onExports'].sort(),
    );
    expect(typeof api.onStatus).toBe('function');
    expect(typeof api.onSettings).toBe('function');
    expect(typeof api.onNotice).toBe('function');
    expect('send' in api).toBe(false);
  });

  it('answers the validated value and sends {} when called without input', async () => {
    const { outcomes, calls } = memoryTransport({ getSettings: { ok: true, value: defaultSettings } });
    const settings: Settings = await createStudioApi(outcomes).getSettings();
    expect(settings).toEqual(defaultSettings);
    expect(calls).toEqual([{ channel: 'getSettings', payload: {} }]);
  });

  it('throws a ContractError carrying the error outcome', async () => {
    const error = { code: 'failed', channel: 'openExternal', message: 'Shopcast only opens its own help pages.' } as const;
    const { outcomes } = memoryTransport({ openExternal: { ok: false, error } });
    const thrown = await contractErrorOf(createStudioApi(outcomes).openExternal({ url: 'https://evil.example' }));
    expect(thrown.code).toBe('failed');
    expect(thrown.message).toBe(error.message);
    expect(thrown.data).toEqual(error);
  });

  it("throws 'internal' when the answer does not match the contract", async () => {
    const { outcomes } = memoryTransport({ getSettings: { ok: true, value: { ...defaultSettings, outputProfile: '8k' } } });
    const thrown = await contractErrorOf(createStudioApi(outcomes).getSettings());
    expect(thrown.code).toBe('internal');
    expect(thrown.data.channel).toBe('getSettings');
    expect(thrown.data.issues?.map((issue) => issue.path)).toEqual(['outputProfile']);
  });

  it('passes valid events to the listener and reports invalid ones instead', () => {
    const { outcomes, fire } = memoryTransport({});
    const invalid: { event: EventChannel; error: z.ZodError }[] = [];
    const api = createStudioApi(outcomes, (event, error) => invalid.push({ event, error }));
    const seen: Settings[] = [];
    const unsubscribe = api.onSettings((settings) => seen.push(settings));

    fire('settings', { ...defaultSettings, panelTab: 'orders' });
    fire('settings', { ...defaultSettings, panelTab: 'shipping' });
    expect(seen).toEqual([{ ...defaultSettings, panelTab: 'orders' }]);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.event).toBe('settings');
    expect(invalid[0]?.error.issues[0]?.path).toEqual(['panelTab']);

    unsubscribe();
    fire('settings', defaultSettings);
    expect(seen).toHaveLength(1);
  });

  it('routes each event only to its own listeners', () => {
    const { outcomes, fire } = memoryTransport({});
    const api = createStudioApi(outcomes);
    const notices: unknown[] = [];
    const statuses: unknown[] = [];
    api.onNotice((notice) => notices.push(notice));
    api.onStatus((status) => statuses.push(status));
    fire('notice', { level: 'warning', message: 'FFmpeg was not found', at: 1 });
    expect(notices).toEqual([{ level: 'warning', message: 'FFmpeg was not found', at: 1 }]);
    expect(statuses).toEqual([]);
  });
});
