import { z } from 'zod';

export const outputProfiles = ['720p30', '1080p30', 'vertical720x1280'] as const;
export const outputProfileSchema = z.enum(outputProfiles);
export type OutputProfile = z.infer<typeof outputProfileSchema>;

export const panelTabs = ['comments', 'orders', 'products'] as const;
export const panelTabSchema = z.enum(panelTabs);
export type PanelTab = z.infer<typeof panelTabSchema>;

export const SETTINGS_VERSION = 2;

/** Gain as a linear factor: 0 is silence, 1 is unity, 2 is +6 dB. */
export const MAX_AUDIO_GAIN = 2;
const gainSchema = z.number().min(0).max(MAX_AUDIO_GAIN);

export const audioSettingsSchema = z
  .object({
    /** A MediaDeviceInfo.deviceId; null follows the system's default microphone. */
    microphoneId: z.string().max(512).nullable(),
    microphoneGain: gainSchema,
    microphoneMuted: z.boolean(),
    echoCancellation: z.boolean(),
    noiseSuppression: z.boolean(),
    /** Mix what the computer plays (where the platform can capture it). */
    systemAudio: z.boolean(),
    systemAudioGain: gainSchema,
  })
  .strict();
export type AudioSettings = z.infer<typeof audioSettingsSchema>;

export const defaultAudioSettings: AudioSettings = {
  microphoneId: null,
  microphoneGain: 1,
  microphoneMuted: false,
  // A merchant talking over the program's own sound on speakers: echo cancellation and noise
  // suppression on by default, like every call app.
  echoCancellation: true,
  noiseSuppression: true,
  systemAudio: false,
  systemAudioGain: 1,
};

// The settings file on disk and the settings the renderer sees are the same shape.
export const settingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION),
    lastSceneId: z.string().max(100).nullable(),
    outputProfile: outputProfileSchema,
    panelTab: panelTabSchema,
    audio: audioSettingsSchema,
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  version: SETTINGS_VERSION,
  lastSceneId: null,
  outputProfile: '720p30',
  panelTab: 'comments',
  audio: defaultAudioSettings,
};

// Top-level keys only: `audio` is replaced whole, so a patch never leaves half of one.
export const settingsPatchSchema = settingsSchema.omit({ version: true }).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
