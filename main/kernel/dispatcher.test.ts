import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../contract/envelope.std';
import { defaultSettings, type Settings } from '../../contract/schemas/settings.std';
import type { StudioStatus } from '../../contract/schemas/status.std';
import { noLiveLayers } from '../../contract/schemas/liveLayers.std';
import { defaultSceneCollection } from '../../contract/scenePresets.std';
import { createLogger, type LogRecord } from '../log/logger.std';
import { noMediaYet } from '../media/mediaIngest.std';
import { createDispatcher, type RequestHandlers, type Sender } from './dispatcher.std';
import { offlineSession } from '../../contract/schemas/live.std';
import { offPanelState } from '../../contract/schemas/panel.std';
import { hostOnlyMessage } from '../../contract/roles.std';

const sender: Sender = { transport: 'websocket', id: 'browser:abc123', role: 'host', name: 'Host' };
const moderator: Sender = { transport: 'websocket', id: 'staff:m1', role: 'moderator', name: 'Mia', console: true };
const notInThisTest = () => {
  throw new RefusedError('Not in this test.');
};
let counter = 0;
const scenes = defaultSceneCollection(() => `id-${counter++}`);
const offline: StudioStatus = { state: 'offline', liveSince: null, bitrateKbps: null, fps: null, droppedFrames: 0, cpuPercent: 0, loopDelayMs: null };

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
    getLiveRoom: () => ({ running: false, roomId: null, watchUrl: null, qrSvg: null, video: { available: false, producers: 0, reason: 'Not in this test.' }, message: 'Not in this test.' }),
    goLive: () => offlineSession,
    endLive: () => ({ session: offlineSession, results: null }),
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
    getCatalogue: () => ({ products: [], runSheet: [] }),
    saveProduct: notInThisTest,
    removeProduct: notInThisTest,
    importProductsCsv: notInThisTest,
    setRunSheet: notInThisTest,
    getOrderWebhook: notInThisTest,
    saveOrderWebhook: notInThisTest,
    whoAmI: (_input, caller) => ({ role: caller.role, name: caller.name, console: caller.console ?? false }),
    consoleReady: notInThisTest,
    getStaff: () => ({ consoleUrl: null, message: 'Not in this test.', members: [] }),
    createStaffPairing: notInThisTest,
    revokeStaff: notInThisTest,
    listShows: () => [],
    getShow: notInThisTest,
    renameShow: notInThisTest,
    deleteShow: notInThisTest,
    revealShow: notInThisTest,
    startExport: notInThisTest,
    cancelExport: notInThisTest,
    getExports: () => [],
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

  it("refuses a host-only channel to a moderator with 'forbidden', before looking at the payload, and logs it", async () => {
    const { dispatch, received, warnings } = setup();
    // An invalid payload still answers 'forbidden': the role is checked first.
    for (const payload of [{ panelTab: 'orders' }, { outputProfile: '8k' }]) {
      expect(await dispatch('updateSettings', payload, moderator)).toEqual({
        ok: false,
        error: { code: 'forbidden', channel: 'updateSettings', message: hostOnlyMessage('updateSettings') },
      });
    }
    expect(received).toEqual([]);
    expect(warnings()[0]).toMatchObject({ message: 'call forbidden for the role', fields: { channel: 'updateSettings', sender: 'staff:m1', role: 'moderator' } });
  });

  it('lets a moderator call the channels a moderator may, and hands the handler the sender', async () => {
    const { dispatch } = setup();
    expect(await dispatch('whoAmI', {}, moderator)).toEqual({ ok: true, value: { role: 'moderator', name: 'Mia', console: true } });
    expect(await dispatch('getPanel', {}, moderator)).toMatchObject({ ok: true });
    expect(await dispatch('goLive', {}, moderator)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('createStaffPairing', { name: 'Eve', role: 'host' }, moderator)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets the host call a host-only channel', async () => {
    const { dispatch } = setup();
    expect(await dispatch('goLive', {}, sender)).toEqual({ ok: true, value: offlineSession });
  });
});
