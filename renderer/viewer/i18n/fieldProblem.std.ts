import type { FieldProblem } from '../forms.std';
import type { Translator } from './viewerTranslator.std';

/** A form field's problem in the viewer's language; the field names which sentence. */
export function fieldProblemText(field: 'name' | 'text' | 'buyerName' | 'contact' | 'note' | 'quantity' | 'variant', problem: FieldProblem | undefined, { t }: Translator): string | undefined {
  if (!problem) return undefined;
  if (field === 'variant') return t('buy.chooseVariant');
  switch (problem.kind) {
    case 'contact-or-note':
      return t('form.contactOrNote');
    case 'too-many':
      return t('form.tooMany', { max: problem.max });
    case 'empty':
      return field === 'name' || field === 'buyerName' || field === 'text' ? t(`form.empty.${field}`) : t('form.invalid');
    case 'too-long':
      return field === 'quantity' ? t('form.invalid') : t(`form.tooLong.${field}`, { max: problem.max });
    case 'invalid':
      return t('form.invalid');
  }
}

const translatedRefusals = ['out-of-stock', 'sale-over', 'show-ended', 'not-promoted', 'rate-limited', 'banned'] as const;

/** The room's refusal in the viewer's language where the page knows its code; else the room's own words. */
export function refusalText(code: string, message: string, { t }: Translator): string {
  const known = translatedRefusals.find((candidate) => candidate === code);
  return known ? t(`refusal.${known}`) : message;
}
