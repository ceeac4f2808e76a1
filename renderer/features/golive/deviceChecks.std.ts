import type { PreflightCheck, PreflightReport } from '../../../contract/schemas/preflight.std';
import type { SceneCollection } from '../../../contract/schemas/scene.std';
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

const siteSettings = (device: 'camera' | 'microphone') =>
  `Allow the ${device} in the browser's site settings (the ${device} icon at the right of the address bar, or Site settings → ${device === 'camera' ? 'Camera' : 'Microphone'} → Allow), and on a Mac or Windows in the system's privacy settings too.`;

interface Wording {
  message: string;
  fix: string;
}

function cameraWording(name: string, problem: DeviceProblem | undefined): Wording {
  const retry = `then press Retry under ${name} in Sources.`;
  switch (problem) {
    case 'denied':
      return { message: `${name} blocked`, fix: `${siteSettings('camera')} Then press Retry under ${name} in Sources.` };
    case 'missing':
      return { message: `No camera found for ${name}`, fix: 'Plug in a camera (Shopcast picks it up by itself), or remove the camera from your scenes.' };
    case 'busy':
      return { message: `${name} is in use by another app`, fix: `Close the app using it (Zoom, Teams, OBS, WeChat…), ${retry}` };
    case 'format':
      return { message: `${name} cannot use the chosen format`, fix: `Choose another resolution or frame rate for ${name} in Sources.` };
    case 'disconnected':
      return { message: `${name} disconnected`, fix: 'Plug it back in: Shopcast picks it up by itself.' };
    case 'other':
    case undefined:
      return { message: `${name} does not start`, fix: `Press Retry under ${name} in Sources; if it fails again, restart the browser.` };
  }
}

function microphoneWording(problem: DeviceProblem | undefined): Wording {
  switch (problem) {
    case 'denied':
      return { message: 'Microphone blocked', fix: `${siteSettings('microphone')} Then press "Try the microphone again" in Audio.` };
    case 'missing':
    case 'format':
      return { message: 'No microphone found', fix: 'Plug one in (Shopcast picks it up by itself), or choose another in Audio.' };
    case 'busy':
      return { message: 'Microphone in use by another app', fix: 'Close the app using it, then press "Try the microphone again" in Audio.' };
    case 'disconnected':
      return { message: 'Microphone disconnected', fix: 'Plug it back in or choose another one in Audio.' };
    case 'other':
    case undefined:
      return { message: 'Microphone does not start', fix: 'Press "Try the microphone again" in Audio; if it fails again, restart the browser.' };
  }
}

function cameraChecks(input: DeviceCheckInput): PreflightCheck[] {
  if (!input.scenes) return [];
  const cameras = [...capturesNeeded(input.scenes)].filter(([, capture]) => capture.source.kind === 'camera');
  return cameras.map(([key, { source, sourceIds }], index): PreflightCheck => {
    const id = cameras.length === 1 ? 'camera' : `camera-${index + 1}`;
    // One camera is "Camera"; several are told apart by the name the merchant gave them.
    const name = cameras.length === 1 ? 'Camera' : `Camera "${source.name}"`;
    const status = sourceIds.map((sourceId) => input.sourceStatuses[sourceId]).find((candidate) => candidate !== undefined);
    if (status?.state === 'live') return { id, ok: true, message: `${name} ready` };
    if (status?.state !== 'error') return { id, ok: true, warning: true, message: `${name} starting…`, fix: `If it stays like this, press Retry under ${name} in Sources.` };
    const wording = cameraWording(name, status.problem);
    return { id, ok: false, ...wording, details: `${status.message ?? ''} (capture ${key})`.trim() };
  });
}

function microphoneCheck(input: DeviceCheckInput): PreflightCheck[] {
  const status = input.microphone;
  if (!status) return [];
  if (status.state === 'starting') return [{ id: 'microphone', ok: true, warning: true, message: 'Microphone starting…' }];
  if (status.state === 'live') {
    return input.microphoneMuted
      ? [{ id: 'microphone', ok: true, warning: true, message: 'Microphone muted', fix: 'Unmute it in Audio, unless you mean to start silent.' }]
      : [{ id: 'microphone', ok: true, message: 'Microphone ready' }];
  }
  const wording = microphoneWording(status.problem);
  // Muted on purpose (a music-only show): a missing or blocked microphone is worth a look, not a stop.
  return [{ id: 'microphone', ok: input.microphoneMuted, ...(input.microphoneMuted ? { warning: true } : {}), ...wording, ...(status.message ? { details: status.message } : {}) }];
}

export function deviceChecks(input: DeviceCheckInput): PreflightCheck[] {
  return [...cameraChecks(input), ...microphoneCheck(input)];
}

/** The page's rows first, then the core's report; ready only when every row is. */
export function combineReports(devices: readonly PreflightCheck[], core: PreflightReport): PreflightReport {
  const checks = [...devices, ...core.checks];
  return { ready: checks.every((check) => check.ok), checks };
}
