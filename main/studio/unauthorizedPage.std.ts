export type RefusalReason = 'missing' | 'unknown' | 'used';

const explanations: Record<RefusalReason, string> = {
  missing: 'This studio only opens from its pairing link.',
  unknown: 'This pairing link is not valid for this studio.',
  used: 'This pairing link has already been used: each link opens the studio once.',
};

/** The whole answer to an unpaired browser: no app, no assets, just what to do. */
export function unauthorizedPage(reason: RefusalReason): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shopcast: pairing needed</title></head>
<body>
<h1>401: this browser is not paired with the studio</h1>
<p>${explanations[reason]}</p>
<p>Open the link that <code>npm run studio</code> printed in its terminal, or restart it for a new link.</p>
</body></html>
`;
}
