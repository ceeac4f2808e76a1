import { checkImageDataUrl, checkImageFile } from './imageFile.std';
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
export async function readImageFile(file: File): Promise<Checked<LoadedImage>> {
  const fileCheck = checkImageFile(file);
  if (!fileCheck.ok) return fileCheck;
  let dataUrl: string;
  try {
    dataUrl = await readAsDataUrl(file);
  } catch {
    return { ok: false, message: `“${file.name}” could not be read.` };
  }
  const checked = checkImageDataUrl(dataUrl);
  if (!checked.ok) return checked;
  const image = new Image();
  image.src = dataUrl;
  try {
    await image.decode();
  } catch {
    return { ok: false, message: `“${file.name}” is not a readable image.` };
  }
  return { ok: true, value: { dataUrl, width: image.naturalWidth, height: image.naturalHeight } };
}
