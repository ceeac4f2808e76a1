import type { PreflightCheck, PreflightReport } from '../../../contract/schemas/preflight.std';
import type { SceneCollection } from '../../../contract/schemas/scene.std';
import type { StudioKey } from '../../app/i18n/messages.en.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';
import type { DeviceProblem } from '../../media/deviceProblem.std';
import type { SourceStatus } from '../../store/scenesSlice.std';
import { capturesNeeded } from '../compositor/captureKeys.std';

// The pre-flight rows only the page can know: the cameras and the microphone live in the browser
// (getUserMedia), the rest in the core. The dialog puts these first and the core's report after
// them; they follow the store, so a camera allowed while the dialog is open turns green.

export interface DeviceCheckInput {
  scenes: SceneCollection | null;
  sourceStatuses: Readonly<Record<string, SourceStatus>>;
  microphone: SourceStatus | null;
  microphoneMuted: boolean;
}

interface Wording {
  message: StudioKey;
  fix: StudioKey;
}

/** Each camera problem's row and fix, worded with the camera's name. */
const cameraWordings: Record<DeviceProblem, Wording> = {
  denied: { message: 'device.camera.denied', fix: 'device.camera.deniedFix' },
  missing: { message: 'device.camera.missing', fix: 'device.camera.missingFix' },
  busy: { message: 'device.camera.busy', fix: 'device.camera.busyFix' },
  format: { message: 'device.camera.format', fix: 'device.camera.formatFix' },
  disconnected: { message: 'device.camera.disconnected', fix: 'device.camera.disconnectedFix' },
  other: { message: 'device.camera.other', fix: 'device.camera.otherFix' },
};

const microphoneWordings: Record<DeviceProblem, Wording> = {
  denied: { message: 'device.mic.denied', fix: 'device.mic.deniedFix' },
  missing: { message: 'device.mic.missing', fix: 'device.mic.missingFix' },
  // A format the microphone cannot take reads as none found: the fix is the same.
  format: { message: 'device.mic.missing', fix: 'device.mic.missingFix' },
  busy: { message: 'device.mic.busy', fix: 'device.mic.busyFix' },
  disconnected: { message: 'device.mic.disconnected', fix: 'device.mic.disconnectedFix' },
  other: { message: 'device.mic.other', fix: 'device.mic.otherFix' },
};

function cameraChecks(input: DeviceCheckInput, { t }: StudioTranslator): PreflightCheck[] {
  if (!input.scenes) return [];
  const cameras = [...capturesNeeded(input.scenes)].filter(([, capture]) => capture.source.kind === 'camera');
  return cameras.map(([key, { source, sourceIds }], index): PreflightCheck => {
    const id = cameras.length === 1 ? 'camera' : `camera-${index + 1}`;
    // One camera is "Camera"; several are told apart by the name the merchant gave them.
    const camera = cameras.length === 1 ? t('device.camera') : t('device.cameraNamed', { name: source.name });
    const status = sourceIds.map((sourceId) => input.sourceStatuses[sourceId]).find((candidate) => candidate !== undefined);
    if (status?.state === 'live') return { id, ok: true, message: t('device.camera.ready', { camera }) };
    if (status?.state !== 'error') return { id, ok: true, warning: true, message: t('device.camera.starting', { camera }), fix: t('device.camera.startingFix', { camera }) };
    const wording = cameraWordings[status.problem ?? 'other'];
    return { id, ok: false, message: t(wording.message, { camera }), fix: t(wording.fix, { camera }), details: `${status.message ?? ''} (capture ${key})`.trim() };
  });
}

function microphoneCheck(input: DeviceCheckInput, { t }: StudioTranslator): PreflightCheck[] {
  const status = input.microphone;
  if (!status) return [];
  if (status.state === 'starting') return [{ id: 'microphone', ok: true, warning: true, message: t('device.mic.starting') }];
  if (status.state === 'live') {
    return input.microphoneMuted
      ? [{ id: 'microphone', ok: true, warning: true, message: t('device.mic.muted'), fix: t('device.mic.mutedFix') }]
      : [{ id: 'microphone', ok: true, message: t('device.mic.ready') }];
  }
  const wording = microphoneWordings[status.problem ?? 'other'];
  // Muted on purpose (a music-only show): a missing or blocked microphone is worth a look, not a stop.
  return [
    {
      id: 'microphone',
      ok: input.microphoneMuted,
      ...(input.microphoneMuted ? { warning: true } : {}),
      message: t(wording.message),
      fix: t(wording.fix),
      ...(status.message ? { details: status.message } : {}),
    },
  ];
}

export function deviceChecks(input: DeviceCheckInput, translator: StudioTranslator): PreflightCheck[] {
  return [...cameraChecks(input, translator), ...microphoneCheck(input, translator)];
}

/** The page's rows first, then the core's report; ready only when every row is. */
export function combineReports(devices: readonly PreflightCheck[], core: PreflightReport): PreflightReport {
  const checks = [...devices, ...core.checks];
  return { ready: checks.every((check) => check.ok), checks };
}
