// Links the app may open in the system browser. Anything else (a URL in a viewer's comment, a
// page that tries window.open) stays closed: opening arbitrary URLs is a classic Electron hole.
const allowedHosts = new Set(['shopcast.app', 'www.shopcast.app', 'help.shopcast.app', 'github.com']);

export function isAllowedExternalUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && allowedHosts.has(url.hostname);
}
