import { describe, expect, it } from 'vitest';
import { cameraSource, defaultSceneCollection } from '../../../contract/scenePresets.std';
import { deviceProblemOf } from '../../media/deviceProblem.std';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { combineReports, deviceChecks as checksIn, type DeviceCheckInput } from './deviceChecks.std';

const deviceChecks = (input: DeviceCheckInput) => checksIn(input, createStudioTranslator('en'));

let ids = 0;
const scenes = defaultSceneCollection(() => `s${(ids += 1)}`);
const cameraIds = scenes.scenes.flatMap((scene) => scene.sources.filter((source) => source.kind === 'camera').map((source) => source.id));
const allCameras = (status: DeviceCheckInput['sourceStatuses'][string]) => Object.fromEntries(cameraIds.map((id) => [id, status]));
const input = (overrides: Partial<DeviceCheckInput> = {}): DeviceCheckInput => ({
  scenes,
  sourceStatuses: allCameras({ state: 'live' }),
  microphone: { state: 'live' },
  microphoneMuted: false,
  ...overrides,
});

describe('the pre-flight’s device rows', () => {
  it('says the camera and microphone are ready, once each for the one camera every scene shares', () => {
    expect(deviceChecks(input())).toEqual([
      { id: 'camera', ok: true, message: 'Camera ready' },
      { id: 'microphone', ok: true, message: 'Microphone ready' },
    ]);
  });

  it('fails a denied camera and microphone, with where to allow them', () => {
    const denied = deviceProblemOf('NotAllowedError');
    const rows = deviceChecks(
      input({
        sourceStatuses: allCameras({ state: 'error', message: 'Camera permission was denied.', problem: denied }),
        microphone: { state: 'error', message: 'Shopcast may not use the microphone.', problem: denied },
      }),
    );
    expect(rows).toMatchObject([
      { id: 'camera', ok: false, message: 'Camera blocked', fix: expect.stringMatching(/^Allow the camera in the browser's site settings .* Then press Retry under Camera in Sources\.$/) },
      { id: 'microphone', ok: false, message: 'Microphone blocked', fix: expect.stringMatching(/^Allow the microphone in the browser's site settings/) },
    ]);
  });

  it('fails a missing camera, and names cameras apart when there are several', () => {
    const second = { ...cameraSource('c2'), name: 'Close-up cam', deviceId: 'usb-2' };
    const withTwo = { ...scenes, scenes: scenes.scenes.map((scene, index) => (index === 0 ? { ...scene, sources: [...scene.sources, second] } : scene)) };
    const rows = deviceChecks(input({ scenes: withTwo, sourceStatuses: { ...allCameras({ state: 'live' }), c2: { state: 'error', problem: deviceProblemOf('NotFoundError') } } }));
    expect(rows.filter((row) => row.id.startsWith('camera'))).toMatchObject([
      { id: 'camera-1', ok: true, message: 'Camera “Camera” ready' },
      { id: 'camera-2', ok: false, message: 'No camera found for Camera “Close-up cam”', fix: expect.stringContaining('Plug in a camera') },
    ]);
  });

  it('warns about a muted microphone, and a blocked one only warns when muted on purpose', () => {
    expect(deviceChecks(input({ microphoneMuted: true }))[1]).toMatchObject({ ok: true, warning: true, message: 'Microphone muted' });
    expect(deviceChecks(input({ microphoneMuted: true, microphone: { state: 'error', problem: 'denied' } }))[1]).toMatchObject({ ok: true, warning: true, message: 'Microphone blocked' });
  });

  it('has no camera row without a camera in any scene, and is not ready when one row fails', () => {
    const noCamera = { ...scenes, scenes: scenes.scenes.map((scene) => ({ ...scene, sources: scene.sources.filter((source) => source.kind !== 'camera') })) };
    expect(deviceChecks(input({ scenes: noCamera })).map((row) => row.id)).toEqual(['microphone']);
    const core = { ready: true, checks: [{ id: 'program', ok: true, message: 'Picture smooth (30 frames a second)' }] };
    expect(combineReports(deviceChecks(input()), core).ready).toBe(true);
    expect(combineReports(deviceChecks(input({ microphone: { state: 'error', problem: 'missing' } })), core)).toMatchObject({ ready: false, checks: [{ id: 'camera' }, { id: 'microphone', ok: false }, { id: 'program' }] });
  });

  it('speaks the merchant’s language', () => {
    const chinese = checksIn(input({ microphone: { state: 'error', problem: 'busy' } }), createStudioTranslator('zh-CN'));
    expect(chinese).toMatchObject([
      { id: 'camera', ok: true, message: '摄像头就绪' },
      { id: 'microphone', ok: false, message: '麦克风正被其他应用占用', fix: expect.stringContaining('重新尝试麦克风') },
    ]);
  });
});
