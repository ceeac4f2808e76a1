// The renderer's Content-Security-Policy. The same policy is set as a header by the browser
// studio and by the Electron app's protocol handler, so both run the renderer under one rule set.
// 'self' covers the same-origin ws:// bridge; blob: and mediastream: are for camera previews.
export const rendererCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * For pages served over plain http on the LAN (the staff consoles): the same headers without
 * Cross-Origin-Opener-Policy, which a browser honours only on a potentially trustworthy origin
 * (https, localhost) and otherwise ignores, with a console error on every page.
 */
export const lanSecurityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': rendererCsp,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const securityHeaders: Readonly<Record<string, string>> = {
  ...lanSecurityHeaders,
  'Cross-Origin-Opener-Policy': 'same-origin',
};
