import { destinationPresets } from '../../../contract/destinationPresets.std';
import type { DestinationPlatform } from '../../../contract/schemas/destination.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

// A platform in the merchant's language, by its id. The platforms' own names are already in both
// languages ("Douyin 抖音"); only Shopcast's own kinds are translated.

export function platformLabel(platform: DestinationPlatform, { t }: StudioTranslator): string {
  switch (platform) {
    case 'custom':
    case 'shopcast-room':
      return t(`dest.platform.${platform}`);
    default:
      return destinationPresets[platform].label;
  }
}

/** Where the merchant finds the server URL, and the key. */
export function platformHints(platform: DestinationPlatform, { t }: StudioTranslator): { server: string; key: string } {
  return { server: t(`dest.serverHint.${platform}`), key: t(`dest.keyHint.${platform}`) };
}
