/**
 * The scheme://host of a URL. Node's URL reports the origin of schemes it doesn't know (our
 * `app:`) as "null", while Chromium, with the scheme registered as standard, reports
 * "app://studio"; comparing scheme and host works the same in both.
 */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : '';
  } catch {
    return '';
  }
}
