import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../contract/envelope.std';
import { defaultSettings, type Settings } from '../../contract/schemas/settings.std';
import type { StudioStatus } from '../../contract/schemas/status.std';
import { noLiveLayers } from '../../contract/schemas/liveLayers.std';
import { defaultSceneCollection } from '../../contract/scenePresets.std';
import { createLogger, type LogRecord } from '../log/logger.std';
import { noMediaYet } from '../media/mediaIngest.std';
import { createDispatcher, type RequestHandlers, type Sender } from './dispatcher.std';
import { liveRoomNotRunning } from '../room/liveRoomInfo.node';
import { offlineSession } from '../../contract/schemas/live.std';
import { offPanelState } from '../../contract/schemas/panel.std';

const sender: Sender = { transport: 'websocket', id: 'browser:abc123', role: 'host', name: 'Host' };
let counter = 0;
const scenes = defaultSceneCollection(() => `id-${counter++}`);
const offline: StudioStatus = { state: 'offline', liveSince: null, bitrateKbps: null, fps: null, droppedFrames: 0, cpuPercent: 0 };

function setup(overrides: Partial<RequestHandlers> = {}) {
  const records: LogRecord[] = [];
  const received: unknown[] = [];
  const handlers: RequestHandlers = {
    getSettings: () => defaultSettings,
    updateSettings: (patch) => {
      received.push(patch);
      return { ...defaultSettings, ...patch };
    },
    getStatus: () => offline,
    getNotices: () => [],
    runPreflight: () => ({ ready: false, checks: [] }),
    getScenes: () => scenes,
    saveScenes: (collection) => collection,
    getLiveLayers: () => noLiveLayers,
    getMediaStats: () => noMediaYet,
    updateLiveLayers: (patch) => ({ ...noLiveLayers, ...patch }),
    openExternal: () => ({ opened: false }),
    getLiveRoom: () => liveRoomNotRunning('Not in this test.'),
    goLive: () => offlineSession,
    endLive: () => offlineSession,
    getLiveSession: () => offlineSession,
    getDestinations: () => [],
    saveDestination: () => {
      throw new RefusedError('Not in this test.');
    },
    removeDestination: () => [],
    getPanel: () => offPanelState('Not in this test.'),
    panelAction: () => {
      throw new RefusedError('Not in this test.');
    },
    ...overrides,
  };
  const dispatch = createDispatcher(handlers, createLogger((record) => records.push(record)));
  const warnings = () => records.filter((record) => record.level === 'warn');
  return { dispatch, records, received, warnings };
}

describe('createDispatcher', () => {
  it('runs the handler and answers its validated output', async () => {
    const { dispatch, received } = setup();
    const outcome = await dispatch('updateSettings', { panelTab: 'orders' }, sender);
    expect(outcome).toEqual({ ok: true, value: { ...defaultSettings, panelTab: 'orders' } satisfies Settings });
    expect(received).toEqual([{ panelTab: 'orders' }]);
  });

  it('refuses an unknown channel name and logs it', async () => {
    const { dispatch, warnings } = setup();
    expect(await dispatch('deleteEverything', {}, sender)).toEqual({
      ok: false,
      error: { code: 'unknown-channel', channel: 'deleteEverything', message: 'There is no channel named "deleteEverything".' },
    });
    expect(warnings()).toEqual([expect.objectContaining({ message: 'unknown channel', fields: { channel: 'deleteEverything', sender: sender.id } })]);
  });

  it('does not treat inherited object properties as channels', async () => {
    const { dispatch } = setup();
    expect(await dispatch('toString', {}, sender)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await dispatch('__proto__', {}, sender)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('refuses a channel that is not a string, naming its type', async () => {
    const { dispatch, warnings } = setup();
    const outcome = await dispatch(42, {}, sender);
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'unknown-channel', channel: 'number', message: 'There is no channel named "number".' },
    });
    expect(warnings()[0]?.fields?.['channel']).toBe('number');
  });

  it('cuts a very long channel name down before echoing and logging it', async () => {
    const { dispatch, warnings } = setup();
    const outcome = await dispatch('x'.repeat(5000), {}, sender);
    expect(outcome.ok ? null : outcome.error.channel).toHaveLength(100);
    expect(warnings()[0]?.fields?.['channel']).toHaveLength(100);
  });

  it('refuses an invalid payload without calling the handler, listing each issue with its path', async () => {
    const { dispatch, received, warnings } = setup();
    const outcome = await dispatch('updateSettings', { outputProfile: '8k', lastSceneId: 7, extra: true }, sender);
    if (outcome.ok) throw new Error('expected a refusal');
    expect(outcome.error).toMatchObject({
      code: 'invalid-payload',
      channel: 'updateSettings',
      message: 'The call to updateSettings was refused: its data is not valid.',
    });
    const paths = (outcome.error.issues ?? []).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['outputProfile', 'lastSceneId']));
    // The unknown key is reported at the root by zod's strict object.
    expect(paths).toContain('(root)');
    expect(outcome.error.issues?.every((issue) => issue.message.length > 0)).toBe(true);
    expect(received).toEqual([]);
    expect(warnings()[0]).toMatchObject({ message: 'invalid payload', fields: { channel: 'updateSettings', issues: outcome.error.issues } });
  });

  it('refuses a missing payload for a channel that takes an object', async () => {
    const { dispatch } = setup();
    const outcome = await dispatch('getSettings', undefined, sender);
    expect(outcome.ok ? null : outcome.error).toMatchObject({ code: 'invalid-payload', issues: [{ path: '(root)' }] });
  });

  it("answers a RefusedError as 'failed' with its message for the merchant", async () => {
    const { dispatch, records } = setup({
      openExternal: () => {
        throw new RefusedError('Shopcast only opens its own help pages.');
      },
    });
    expect(await dispatch('openExternal', { url: 'https://evil.example' }, sender)).toEqual({
      ok: false,
      error: { code: 'failed', channel: 'openExternal', message: 'Shopcast only opens its own help pages.' },
    });
    expect(records.find((record) => record.message === 'call refused')?.fields).toMatchObject({ reason: 'Shopcast only opens its own help pages.' });
  });

  it("answers any other error as 'internal' without leaking its message, and logs it", async () => {
    const secret = new Error('ENOENT /home/merchant/.config/Shopcast/secret.key');
    const { dispatch, records } = setup({
      getStatus: async () => {
        throw secret;
      },
    });
    const outcome = await dispatch('getStatus', {}, sender);
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'internal', channel: 'getStatus', message: 'Something went wrong in getStatus; it has been logged.' },
    });
    expect(JSON.stringify(outcome)).not.toContain('secret.key');
    expect(records.find((record) => record.level === 'error')).toMatchObject({ message: 'handler failed', fields: { channel: 'getStatus', error: secret } });
  });

  it("answers 'internal' when a handler returns data outside the contract", async () => {
    const { dispatch, records } = setup({
      getSettings: () => ({ ...defaultSettings, outputProfile: '8k' }) as unknown as Settings,
    });
    const outcome = await dispatch('getSettings', {}, sender);
    expect(outcome.ok ? null : outcome.error.code).toBe('internal');
    expect(records.some((record) => record.level === 'error' && record.message === 'handler failed')).toBe(true);
  });
});
