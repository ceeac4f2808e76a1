import type { z } from 'zod';
import { sourceSchema, type Source } from '../../../contract/schemas/scene.std';
import type { StudioKey } from '../../app/i18n/messages.en.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

// Every edit from the properties editor is checked against the contract before it reaches the
// store: the core refuses a collection with one bad field, so a bad field must never get there.

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

interface FieldLabel {
  label: StudioKey;
  /** Shown values are the stored ones times this (rects are fractions, shown as per cent). */
  scale?: number;
  unit?: string;
}

const fieldLabels: Record<string, FieldLabel> = {
  name: { label: 'field.name' },
  text: { label: 'field.text' },
  fontSize: { label: 'field.fontSize' },
  speed: { label: 'field.speed' },
  'rect.x': { label: 'field.x', scale: 100, unit: ' %' },
  'rect.y': { label: 'field.y', scale: 100, unit: ' %' },
  'rect.width': { label: 'field.width', scale: 100, unit: ' %' },
  'rect.height': { label: 'field.height', scale: 100, unit: ' %' },
  'portraitRect.x': { label: 'field.x', scale: 100, unit: ' %' },
  'portraitRect.y': { label: 'field.y', scale: 100, unit: ' %' },
  'portraitRect.width': { label: 'field.width', scale: 100, unit: ' %' },
  'portraitRect.height': { label: 'field.height', scale: 100, unit: ' %' },
  'product.name': { label: 'field.productName' },
  'product.priceMinor': { label: 'field.price' },
  'product.listPriceMinor': { label: 'field.listPrice' },
  'product.stock': { label: 'field.stock' },
  captureWidth: { label: 'field.captureWidth' },
  captureHeight: { label: 'field.captureHeight' },
  captureFps: { label: 'field.captureFps' },
};

/**
 * One sentence for the first problem, in the words of the form rather than of the schema: one
 * message per rule with the field's name as its placeholder. Pictures and colours carry messages
 * written for people already (the contract's schemas, in English).
 */
export function describeIssue(issue: z.core.$ZodIssue, { t }: StudioTranslator): string {
  const path = issue.path.map(String).join('.');
  const field = fieldLabels[path];
  if (!field) return issue.message;
  const label = t(field.label);
  const scale = field.scale ?? 1;
  const unit = field.unit ?? '';
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return t('field.tooLongText', { label, max: String(issue.maximum) });
      return t('field.tooBig', { label, max: Number(issue.maximum) * scale, unit });
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('field.empty', { label }) : t('field.tooShortText', { label, min: String(issue.minimum) });
      return issue.inclusive ? t('field.tooSmall', { label, min: Number(issue.minimum) * scale, unit }) : t('field.notAbove', { label, min: Number(issue.minimum) * scale, unit });
    case 'invalid_type':
      return issue.expected === 'int' ? t('field.whole', { label }) : t('field.number', { label });
    default:
      return t('field.other', { label, message: issue.message });
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

export function checkSource(next: Source, translator: StudioTranslator, previous?: Source): Checked<Source> {
  const result = sourceSchema.safeParse(withoutUnchangedPictures(next, previous));
  if (result.success) return { ok: true, value: next };
  const [issue] = result.error.issues;
  return { ok: false, message: issue ? describeIssue(issue, translator) : translator.t('field.invalid') };
}
