import { imageDataUrlSchema } from '../../../contract/schemas/product.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';
import type { Checked } from './sourceValidation.std';

// The rules for a picture a merchant uploads (an image source, a product photo). The size is
// checked before the file is read: a 40 MB photo is refused without loading it.

export const imageTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const IMAGE_ACCEPT = imageTypes.join(',');
/** Base64 makes a file 4/3 larger; 2 MiB of image stays under the contract's 3,000,000 characters. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The file's type and size, said in the merchant's language (the products form's and the scenes form's pictures). */
export function checkImageFile(file: { name: string; type: string; size: number }, { t }: Pick<StudioTranslator, 't'>): Checked<null> {
  if (!(imageTypes as readonly string[]).includes(file.type)) {
    return { ok: false, message: t('image.notImage', { name: file.name }) };
  }
  if (file.size > MAX_IMAGE_BYTES) {
    return { ok: false, message: t('image.tooBig', { name: file.name, size: formatBytes(file.size) }) };
  }
  return { ok: true, value: null };
}

/** The contract's own check of what was read, so what the form accepts the core accepts too. */
export function checkImageDataUrl(dataUrl: string): Checked<string> {
  const result = imageDataUrlSchema.safeParse(dataUrl);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: result.error.issues[0]?.message ?? 'That image cannot be used.' };
}
