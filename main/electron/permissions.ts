import type { Session } from 'electron';
import { originOf } from './appOrigin.std';

// Media is the only permission Shopcast asks for, and only its own page gets it: a page that
// somehow loads elsewhere gets nothing, and nothing else (geolocation, notifications…) is granted.
const grantedToApp = new Set(['media', 'display-capture', 'fullscreen', 'clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingOrigin: string, appOrigin: string): boolean {
  return requestingOrigin === appOrigin && grantedToApp.has(permission);
}

export function installPermissionPolicy(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  appOrigin: string,
  onDenied: (permission: string, origin: string) => void,
): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const origin = originOf(details.requestingUrl);
    const granted = isPermissionGranted(permission, origin, appOrigin);
    if (!granted) onDenied(permission, origin);
    callback(granted);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionGranted(permission, originOf(requestingOrigin), appOrigin),
  );
}

