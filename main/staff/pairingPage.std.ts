// The only page an unpaired device gets from the console server: a form for the six digits,
// no script at all, styled by one same-origin stylesheet, under a CSP that allows nothing else.

export const PAIRING_CSS_PATH = '/pairing.css';

export const pairingPageCsp = ["default-src 'none'", "style-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"].join('; ');

export const pairingCss = `body{font:16px/1.5 system-ui,sans-serif;margin:0;display:flex;justify-content:center;background:#f6f6f8;color:#1c1c22}
main{max-width:26rem;margin:3rem 1rem;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin:0 0 1rem}
.message{padding:.75rem;border-radius:.5rem;background:#fdecec;color:#8a1c1c}
label{display:block;margin:1rem 0 .25rem}
input{font:inherit;font-size:1.6rem;letter-spacing:.3em;width:9ch;padding:.25rem .5rem}
button{font:inherit;margin-top:1rem;padding:.5rem 1rem;display:block}
`;

// The message goes into element text only, never into an attribute.
const escapeHtml = (text: string) => text.replace(/[&<>]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[character] ?? character);

/** The pairing form, with why the last try or the last session did not work when there is a reason. */
export function pairingPage(message: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shopcast staff console: pairing</title><link rel="stylesheet" href="${PAIRING_CSS_PATH}"></head>
<body><main>
<h1>Shopcast staff console</h1>
${message === null ? '' : `<p class="message" role="alert">${escapeHtml(message)}</p>\n`}<form method="get" action="/pair">
<label for="code">The six-digit code from the studio's Staff tab</label>
<input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus>
<button type="submit">Pair this console</button>
</form>
</main></body></html>
`;
}
