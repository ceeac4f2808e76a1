import type { StaffRole } from '../../contract/schemas/staff.std';

// The only pages an unpaired device gets from the console server: a form for the six digits and
// the question before a code is spent, no script at all, styled by one same-origin stylesheet,
// under a CSP that allows nothing else.

export const PAIRING_CSS_PATH = '/pairing.css';

/** The accessible name of the button that spends the code (the end-to-end tests click it). */
export const CONFIRM_PAIRING_BUTTON = 'Pair this browser';

export const pairingPageCsp = ["default-src 'none'", "style-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"].join('; ');

export const pairingCss = `body{font:16px/1.5 system-ui,sans-serif;margin:0;display:flex;justify-content:center;background:#f6f6f8;color:#1c1c22}
main{max-width:26rem;margin:3rem 1rem;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin:0 0 1rem}
.message{padding:.75rem;border-radius:.5rem;background:#fdecec;color:#8a1c1c}
.question{font-size:1.15rem;font-weight:600}
label{display:block;margin:1rem 0 .25rem}
input{font:inherit;font-size:1.6rem;letter-spacing:.3em;width:9ch;padding:.25rem .5rem}
button{font:inherit;margin-top:1rem;padding:.5rem 1rem;display:block}
`;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** For element text: messages and the member's name. */
const escapeHtml = (text: string) => text.replace(/[&<>]/g, (character) => entities[character] ?? character);
/** For a quoted attribute value: the code in the confirmation form. */
const escapeAttribute = (text: string) => text.replace(/[&<>"']/g, (character) => entities[character] ?? character);

const htmlPage = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shopcast staff console: ${title}</title><link rel="stylesheet" href="${PAIRING_CSS_PATH}"></head>
<body><main>
<h1>Shopcast staff console</h1>
${body}</main></body></html>
`;

/**
 * The code form, with why the last try or the last session did not work when there is a reason.
 * It only looks the code up (GET): the confirmation page that answers is what spends it.
 */
export function pairingPage(message: string | null): string {
  return htmlPage(
    'pairing',
    `${message === null ? '' : `<p class="message" role="alert">${escapeHtml(message)}</p>\n`}<form method="get" action="/pair">
<label for="code">The six-digit code from the studio's Staff tab</label>
<input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus>
<button type="submit">Continue</button>
</form>
`,
  );
}

/**
 * The question a waiting code's link answers with. Only the button's POST spends the code, so a
 * link preview or a QR scanner app that fetches the link first leaves it for the person.
 */
export function confirmPairingPage(code: string, name: string, role: StaffRole): string {
  return htmlPage(
    'confirm pairing',
    `<p class="question">Pair this browser as ${escapeHtml(name)} (${role})?</p>
<p>Only on a device you will use for the show: it runs the live panel as ${role === 'host' ? 'a host' : 'a moderator'} until the pairing ends or the host revokes it.</p>
<form method="post" action="/pair">
<input type="hidden" name="code" value="${escapeAttribute(code)}">
<button type="submit">${CONFIRM_PAIRING_BUTTON}</button>
</form>
`,
  );
}
