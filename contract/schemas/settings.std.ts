import { z } from 'zod';

export const outputProfiles = ['720p30', '1080p30', 'vertical720x1280'] as const;
export const outputProfileSchema = z.enum(outputProfiles);
export type OutputProfile = z.infer<typeof outputProfileSchema>;

export const panelTabs = ['comments', 'orders', 'products', 'staff'] as const;
export const panelTabSchema = z.enum(panelTabs);
export type PanelTab = z.infer<typeof panelTabSchema>;

export const SETTINGS_VERSION = 4;

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

const wordListSchema = (what: string) => z.array(z.string().trim().min(1, `${what} cannot be empty.`).max(40, `${what} is too long (at most 40 characters).`)).max(500);

/**
 * The advertising-law superlatives platforms punish (China's Advertising Law art. 9 and the
 * platforms' own rules), as a starting list the merchant edits.
 */
export const defaultFlaggedSuperlatives = ['最', '第一', '唯一', '国家级', '顶级', '极致', '100%', 'best', 'No. 1', 'number one', 'cheapest', 'guaranteed'] as const;

export const livePanelSettingsSchema = z.strictObject({
  /** The merchant's own words to flag in comments (and to check in overlays and titles). */
  blockedWords: wordListSchema('A blocked word'),
  flaggedSuperlatives: wordListSchema('A flagged word'),
  /** Comment-to-claim: off, or the words that make a comment a claim while a product is promoted. */
  claimsEnabled: z.boolean(),
  claimKeywords: z.array(z.string().trim().min(1, 'A claim word cannot be empty.').max(20, 'A claim word is at most 20 characters.')).min(1, 'At least one claim word is needed.').max(10),
  /** A short sound when an order arrives. */
  orderSound: z.boolean(),
  /** "Li*** bought 2" on the stream when an order arrives. */
  purchaseToast: z.boolean(),
  quickReplies: z.array(z.string().trim().min(1).max(500)).max(20),
});
export type LivePanelSettings = z.infer<typeof livePanelSettingsSchema>;

export const defaultLivePanelSettings: LivePanelSettings = {
  blockedWords: [],
  flaggedSuperlatives: [...defaultFlaggedSuperlatives],
  claimsEnabled: true,
  claimKeywords: ['+1', 'SOLD', '要'],
  orderSound: true,
  purchaseToast: true,
  quickReplies: ['Thank you for your order!', 'Shipping is free over ¥99.', 'Yes, it is in stock.'],
};

// The settings file on disk and the settings the renderer sees are the same shape.
export const settingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION),
    lastSceneId: z.string().max(100).nullable(),
    outputProfile: outputProfileSchema,
    panelTab: panelTabSchema,
    audio: audioSettingsSchema,
    livePanel: livePanelSettingsSchema,
    /**
     * The studio's own live room gets the show (viewers on the shop's page). Off: a show only for
     * the platforms sends the room no video, and viewers who open the page see no show.
     */
    liveRoomEnabled: z.boolean(),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  version: SETTINGS_VERSION,
  lastSceneId: null,
  outputProfile: '720p30',
  panelTab: 'comments',
  audio: defaultAudioSettings,
  livePanel: defaultLivePanelSettings,
  liveRoomEnabled: true,
};

// Top-level keys only: `audio` and `livePanel` are replaced whole, so a patch never leaves half of one.
export const settingsPatchSchema = settingsSchema.omit({ version: true }).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
