import { checkImageDataUrl, checkImageFile } from './imageFile.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';
import type { Checked } from './sourceValidation.std';

export interface LoadedImage {
  dataUrl: string;
  width: number;
  height: number;
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/**
 * A picture from the merchant's disk: checked for type and size first, read as a data URL, checked
 * with the contract's schema, then decoded, so a renamed non-image is refused here and not as a
 * broken card on air.
 */
export async function readImageFile(file: File, translator: Pick<StudioTranslator, 't'>): Promise<Checked<LoadedImage>> {
  const { t } = translator;
  const fileCheck = checkImageFile(file, translator);
  if (!fileCheck.ok) return fileCheck;
  let dataUrl: string;
  try {
    dataUrl = await readAsDataUrl(file);
  } catch {
    return { ok: false, message: t('image.unreadable', { name: file.name }) };
  }
  // Past the checks above, the contract refuses only what they already said: said here by file name.
  if (!checkImageDataUrl(dataUrl).ok) return { ok: false, message: t('image.cannotUse', { name: file.name }) };
  const image = new Image();
  image.src = dataUrl;
  try {
    await image.decode();
  } catch {
    return { ok: false, message: t('image.notDecodable', { name: file.name }) };
  }
  return { ok: true, value: { dataUrl, width: image.naturalWidth, height: image.naturalHeight } };
}
