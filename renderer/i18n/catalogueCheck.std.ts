import { IntlMessageFormat } from 'intl-messageformat';
import type { Catalogue, Locale } from './translate.std';

// For each page's catalogue test: a translation is a whole message with the same placeholders
// and tags as the English one, read from the ICU parse (a regex misses `{count, plural, …}`'s
// inner `{name}`s and trips on quoted braces).

type Element = ReturnType<IntlMessageFormat['getAst']>[number];

/** The placeholders (`{name}`, plural and select arguments) and tags (`<b>`) of an ICU message, sorted; throws when it does not parse. */
export function messageArguments(message: string, locale: Locale): string[] {
  const names = new Set<string>();
  const visit = (elements: readonly Element[]) => {
    for (const element of elements) {
      if ('options' in element) {
        names.add(element.value);
        for (const option of Object.values(element.options)) visit(option.value);
      } else if ('children' in element) {
        names.add(`<${element.value}>`);
        visit(element.children);
      } else if (element.type !== 0 && element.type !== 7) {
        // Neither literal text nor a plural's `#`: an argument, a number, a date or a time.
        names.add(element.value);
      }
    }
  };
  visit(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

/** Each key whose translation does not parse or has other placeholders than the English: `key: why`. */
export function catalogueProblems<Key extends string>(english: Catalogue<Key>, other: Catalogue<Key>, locale: Locale): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english) as Key[]) {
    try {
      const expected = messageArguments(english[key], 'en').join(' ');
      const found = messageArguments(other[key], locale).join(' ');
      if (found !== expected) problems.push(`${key}: has {${found}}, English has {${expected}}`);
    } catch (error) {
      problems.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}
