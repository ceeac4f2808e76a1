import { describe, expect, it } from 'vitest';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { deviceLabel, microphoneOptions as optionsIn, type DeviceLike } from './audioDevices.std';

const microphoneOptions = (devices: readonly DeviceLike[], chosenId: string | null) => optionsIn(devices, chosenId, createStudioTranslator('en'));

// What Chromium lists with permission granted (its fake devices, plus a camera and speakers).
const devices: DeviceLike[] = [
  { kind: 'audioinput', deviceId: 'default', label: 'Default - Fake Default Audio Input' },
  { kind: 'audioinput', deviceId: 'communications', label: 'Communications - Fake Default Audio Input' },
  { kind: 'audioinput', deviceId: 'a1', label: 'Fake Audio Input 1' },
  { kind: 'audioinput', deviceId: 'a2', label: 'Fake Audio Input 2' },
  { kind: 'videoinput', deviceId: 'v1', label: 'fake_device_0' },
  { kind: 'audiooutput', deviceId: 'o1', label: 'Fake Audio Output 1' },
];

describe('microphoneOptions', () => {
  it('lists the system default first, then each microphone once', () => {
    expect(microphoneOptions(devices, null)).toEqual([
      { id: null, label: 'System default (Fake Default Audio Input)' },
      { id: 'a1', label: 'Fake Audio Input 1' },
      { id: 'a2', label: 'Fake Audio Input 2' },
    ]);
  });

  it('names microphones the browser has not named yet (before permission)', () => {
    const unnamed = [
      { kind: 'audioinput', deviceId: 'x', label: '' },
      { kind: 'audioinput', deviceId: 'y', label: '' },
      { kind: 'audioinput', deviceId: '', label: '' },
    ];
    expect(microphoneOptions(unnamed, null)).toEqual([
      { id: null, label: 'System default' },
      { id: 'x', label: 'Microphone 1' },
      { id: 'y', label: 'Microphone 2' },
    ]);
  });

  it('keeps a chosen microphone that is not connected, saying so', () => {
    expect(microphoneOptions(devices, 'unplugged').at(-1)).toEqual({ id: 'unplugged', label: 'Chosen microphone (not connected)' });
    expect(microphoneOptions(devices, 'a2')).toHaveLength(3);
  });
});

describe('deviceLabel', () => {
  it('finds a microphone by id, without the "Default - " prefix', () => {
    expect(deviceLabel(devices, 'default')).toBe('Fake Default Audio Input');
    expect(deviceLabel(devices, 'a2')).toBe('Fake Audio Input 2');
    expect(deviceLabel(devices, 'v1')).toBeNull();
    expect(deviceLabel(devices, undefined)).toBeNull();
  });
});
