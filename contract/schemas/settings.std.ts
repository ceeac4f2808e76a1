import { z } from 'zod';

export const outputProfiles = ['720p30', '1080p30', 'vertical720x1280'] as const;
export const outputProfileSchema = z.enum(outputProfiles);
export type OutputProfile = z.infer<typeof outputProfileSchema>;

export const panelTabs = ['comments', 'orders', 'products'] as const;
export const panelTabSchema = z.enum(panelTabs);
export type PanelTab = z.infer<typeof panelTabSchema>;

export const SETTINGS_VERSION = 1;

// The settings file on disk and the settings the renderer sees are the same shape.
export const settingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION),
    lastSceneId: z.string().max(100).nullable(),
    outputProfile: outputProfileSchema,
    panelTab: panelTabSchema,
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  version: SETTINGS_VERSION,
  lastSceneId: null,
  outputProfile: '720p30',
  panelTab: 'comments',
};

export const settingsPatchSchema = settingsSchema.omit({ version: true }).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
