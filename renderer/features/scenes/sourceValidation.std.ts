import type { z } from 'zod';
import { sourceSchema, type Source } from '../../../contract/schemas/scene.std';

// Every edit from the properties editor is checked against the contract before it reaches the
// store: the core refuses a collection with one bad field, so a bad field must never get there.

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

interface FieldLabel {
  label: string;
  /** Shown values are the stored ones times this (rects are fractions, shown as per cent). */
  scale?: number;
  unit?: string;
}

const fieldLabels: Record<string, FieldLabel> = {
  name: { label: 'Name' },
  text: { label: 'Text' },
  fontSize: { label: 'Font size' },
  speed: { label: 'Speed' },
  color: { label: 'Colour' },
  background: { label: 'Background colour' },
  'rect.x': { label: 'X', scale: 100, unit: ' %' },
  'rect.y': { label: 'Y', scale: 100, unit: ' %' },
  'rect.width': { label: 'Width', scale: 100, unit: ' %' },
  'rect.height': { label: 'Height', scale: 100, unit: ' %' },
  'portraitRect.x': { label: 'X', scale: 100, unit: ' %' },
  'portraitRect.y': { label: 'Y', scale: 100, unit: ' %' },
  'portraitRect.width': { label: 'Width', scale: 100, unit: ' %' },
  'portraitRect.height': { label: 'Height', scale: 100, unit: ' %' },
  'product.name': { label: 'Product name' },
  'product.priceMinor': { label: 'Price' },
  'product.listPriceMinor': { label: 'List price' },
  'product.stock': { label: 'Stock' },
  captureWidth: { label: 'Capture width' },
  captureHeight: { label: 'Capture height' },
  captureFps: { label: 'Frame rate' },
};

/** One sentence for the first problem, in the words of the form rather than of the schema. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  const field = fieldLabels[path];
  // Pictures and colours carry messages written for people already (see the schemas).
  if (!field || path === 'color' || path === 'background') return issue.message;
  const scale = field.scale ?? 1;
  const unit = field.unit ?? '';
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `${field.label} can be at most ${String(issue.maximum)} characters.`;
      return `${field.label} must be at most ${Number(issue.maximum) * scale}${unit}.`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${field.label} can't be empty.` : `${field.label} needs at least ${String(issue.minimum)} characters.`;
      return issue.inclusive
        ? `${field.label} must be at least ${Number(issue.minimum) * scale}${unit}.`
        : `${field.label} must be more than ${Number(issue.minimum) * scale}${unit}.`;
    case 'invalid_type':
      return issue.expected === 'int' ? `${field.label} must be a whole number.` : `${field.label} must be a number.`;
    default:
      return `${field.label}: ${issue.message}`;
  }
}

const PLACEHOLDER_IMAGE = 'data:image/png;base64,AA==';

/**
 * A picture that is already in the source was checked when it came in; checking a 2 MB data URL
 * again on every keystroke in a name field is the slow part of a check, so it is stood in for.
 */
function withoutUnchangedPictures(next: Source, previous: Source | undefined): Source {
  if (!previous || previous.kind !== next.kind) return next;
  if (next.kind === 'image' && previous.kind === 'image' && next.image === previous.image) return { ...next, image: PLACEHOLDER_IMAGE };
  if (next.kind === 'productCard' && previous.kind === 'productCard' && next.product.photo !== null && next.product.photo === previous.product.photo) {
    return { ...next, product: { ...next.product, photo: PLACEHOLDER_IMAGE } };
  }
  return next;
}

export function checkSource(next: Source, previous?: Source): Checked<Source> {
  const result = sourceSchema.safeParse(withoutUnchangedPictures(next, previous));
  if (result.success) return { ok: true, value: next };
  const [issue] = result.error.issues;
  return { ok: false, message: issue ? describeIssue(issue) : 'That value is not valid.' };
}
