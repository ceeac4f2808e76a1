/** Decoded pictures (image sources, product photos), by data URL, decoded once. */
export class ImageCache {
  private readonly bitmaps = new Map<string, ImageBitmap | 'loading' | 'failed'>();

  /** The bitmap when ready; starts decoding (and returns null) the first time a URL is seen. */
  get(dataUrl: string | null): ImageBitmap | null {
    if (!dataUrl) return null;
    const entry = this.bitmaps.get(dataUrl);
    if (entry instanceof ImageBitmap) return entry;
    if (entry === undefined) {
      this.bitmaps.set(dataUrl, 'loading');
      // Decoded by hand: fetch() of a data: URL is a connection the CSP (connect-src 'self') refuses.
      decodeDataUrl(dataUrl)
        .then((bitmap) => this.bitmaps.set(dataUrl, bitmap))
        .catch(() => this.bitmaps.set(dataUrl, 'failed'));
    }
    return null;
  }

  /** Forgets pictures no longer used. */
  retain(used: ReadonlySet<string>): void {
    for (const [url, entry] of this.bitmaps) {
      if (used.has(url)) continue;
      if (entry instanceof ImageBitmap) entry.close();
      this.bitmaps.delete(url);
    }
  }
}

async function decodeDataUrl(dataUrl: string): Promise<ImageBitmap> {
  const comma = dataUrl.indexOf(',');
  const type = /^data:([^;,]+)/.exec(dataUrl)?.[1] ?? 'application/octet-stream';
  const binary = atob(dataUrl.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return createImageBitmap(new Blob([bytes], { type }));
}
