// The show's running order as the host edits it: each product at most once (the contract's rule),
// moved one step at a time so keyboard and screen-reader users get the same control as a drag.

export function moveInRunSheet(runSheet: readonly string[], productId: string, step: -1 | 1): string[] {
  const from = runSheet.indexOf(productId);
  const to = from + step;
  if (from < 0 || to < 0 || to >= runSheet.length) return [...runSheet];
  const next = [...runSheet];
  next[from] = runSheet[to] as string;
  next[to] = productId;
  return next;
}

export function addToRunSheet(runSheet: readonly string[], productId: string): string[] {
  return runSheet.includes(productId) ? [...runSheet] : [...runSheet, productId];
}

export function removeFromRunSheet(runSheet: readonly string[], productId: string): string[] {
  return runSheet.filter((id) => id !== productId);
}

/** What "Next product" will promote: the one after the promoted product, else the first. */
export function nextInRunSheet(runSheet: readonly string[], promotedId: string | null): string | null {
  if (runSheet.length === 0) return null;
  const at = promotedId === null ? -1 : runSheet.indexOf(promotedId);
  return runSheet[at + 1] ?? null;
}
