import { describe, expect, it } from 'vitest';
import { installPermissionPolicy, isPermissionGranted } from './permissions';

const appOrigin = 'app://studio';

describe('isPermissionGranted', () => {
  it.each(['media', 'display-capture', 'fullscreen', 'clipboard-sanitized-write'])('grants %s to the app’s own origin', (permission) => {
    expect(isPermissionGranted(permission, appOrigin, appOrigin)).toBe(true);
  });

  it('grants nothing to another origin', () => {
    expect(isPermissionGranted('media', 'https://evil.example', appOrigin)).toBe(false);
    expect(isPermissionGranted('media', 'null', appOrigin)).toBe(false);
    expect(isPermissionGranted('media', '', appOrigin)).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'midi', 'openExternal'])('does not grant %s even to its own origin', (permission) => {
    expect(isPermissionGranted(permission, appOrigin, appOrigin)).toBe(false);
  });
});

type RequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
type CheckHandler = (webContents: unknown, permission: string, requestingOrigin: string) => boolean;

/** A session that keeps the handlers the policy installs, so the test can call them as Electron would. */
function fakeSession() {
  const handlers: { request: RequestHandler | null; check: CheckHandler | null } = { request: null, check: null };
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler) => {
      handlers.request = handler;
    },
    setPermissionCheckHandler: (handler: CheckHandler) => {
      handlers.check = handler;
    },
  };
  return { session, handlers };
}

function install() {
  const { session, handlers } = fakeSession();
  const denied: [string, string][] = [];
  installPermissionPolicy(session as unknown as Parameters<typeof installPermissionPolicy>[0], appOrigin, (permission, origin) =>
    denied.push([permission, origin]),
  );
  const request = (permission: string, requestingUrl: string): boolean => {
    let answer: boolean | null = null;
    if (!handlers.request) throw new Error('no request handler installed');
    handlers.request(null, permission, (granted) => (answer = granted), { requestingUrl });
    if (answer === null) throw new Error('the request handler did not answer');
    return answer;
  };
  const check = (permission: string, requestingOrigin: string): boolean => {
    if (!handlers.check) throw new Error('no check handler installed');
    return handlers.check(null, permission, requestingOrigin);
  };
  return { request, check, denied };
}

describe('installPermissionPolicy', () => {
  it('grants media to the app’s own app:// page (Node reports that origin as "null")', () => {
    const { request, check, denied } = install();
    expect(request('media', 'app://studio/index.html')).toBe(true);
    expect(check('media', 'app://studio')).toBe(true);
    expect(denied).toEqual([]);
  });

  it('denies a media request from another origin and reports it', () => {
    const { request, denied } = install();
    expect(request('media', 'https://evil.example/page?x=1')).toBe(false);
    expect(denied).toEqual([['media', 'https://evil.example']]);
  });

  it('denies a permission the app never asks for, even for its own page', () => {
    const { request, denied } = install();
    expect(request('geolocation', `${appOrigin}/index.html`)).toBe(false);
    expect(denied.map(([permission]) => permission)).toEqual(['geolocation']);
  });

  it('denies a request whose URL cannot be parsed', () => {
    const { request, denied } = install();
    expect(request('media', 'not a url')).toBe(false);
    expect(denied).toEqual([['media', '']]);
  });

  it('answers permission checks from other origins with false', () => {
    const { check, denied } = install();
    expect(check('media', 'https://evil.example')).toBe(false);
    expect(check('geolocation', appOrigin)).toBe(false);
    // Checks are frequent and silent: only requests are reported.
    expect(denied).toEqual([]);
  });
});
