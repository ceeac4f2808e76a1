import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

// The microphone picker's options, from navigator.mediaDevices.enumerateDevices().

export interface DeviceLike {
  deviceId: string;
  kind: string;
  label: string;
}

export interface MicrophoneOption {
  /** null is the system default (what settings store as microphoneId: null). */
  id: string | null;
  label: string;
}

// Chromium lists the current default and communications devices again under these pseudo-ids.
const pseudoDevices = new Set(['default', 'communications', '']);

/**
 * "System default" first (naming the device it is now, when the browser says), then every
 * microphone once. A chosen microphone that is not connected stays listed, so the picker shows
 * the setting as it is instead of silently changing it.
 */
export function microphoneOptions(devices: readonly DeviceLike[], chosenId: string | null, { t }: StudioTranslator): MicrophoneOption[] {
  const inputs = devices.filter((device) => device.kind === 'audioinput');
  const currentDefault = inputs.find((device) => device.deviceId === 'default')?.label.replace(/^Default - /, '');
  const options: MicrophoneOption[] = [{ id: null, label: currentDefault ? t('audio.defaultNamed', { device: currentDefault }) : t('audio.default') }];
  let unnamed = 0;
  for (const device of inputs) {
    if (pseudoDevices.has(device.deviceId) || options.some((option) => option.id === device.deviceId)) continue;
    unnamed += device.label ? 0 : 1;
    options.push({ id: device.deviceId, label: device.label || t('audio.numbered', { n: unnamed }) });
  }
  if (chosenId !== null && !options.some((option) => option.id === chosenId)) {
    options.push({ id: chosenId, label: t('audio.chosenGone') });
  }
  return options;
}

/** The label of a device id in a list, for status lines ("Using USB Mic"). */
export function deviceLabel(devices: readonly DeviceLike[], deviceId: string | undefined): string | null {
  const label = devices.find((device) => device.kind === 'audioinput' && device.deviceId === deviceId)?.label;
  return label ? label.replace(/^Default - /, '') : null;
}
