import { IntlMessageFormat } from 'intl-messageformat';

// The language kernel both pages use (the studio and the viewers' page): each page brings its
// own catalogues, one ICU message per sentence, and gets a translator typed by its own keys.

export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

/** One language's messages: every key of the page, each a whole ICU message. */
export type Catalogue<Key extends string> = Readonly<Record<Key, string>>;
/** A page's messages in every language it speaks; each typed against the English keys, so none is missing. */
export type Catalogues<Key extends string> = Readonly<Record<Locale, Catalogue<Key>>>;

/** A catalogue part in another language: the English part's keys, each its own whole message. */
export type Translation<English> = { readonly [Key in keyof English]: string };

export const isLocale = (value: string | null | undefined): value is Locale => locales.some((locale) => locale === value);

/** The person's own choice if they made one, else the first of the browser's languages we speak (any Chinese reads zh-CN), else English. */
export function pickLocale(browserLanguages: readonly string[], saved: string | null): Locale {
  if (isLocale(saved)) return saved;
  for (const language of browserLanguages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

/** The other language: the switch offers one tap to it. */
export const otherLocale = (locale: Locale): Locale => (locale === 'en' ? 'zh-CN' : 'en');

export type MessageValues = Record<string, string | number>;

export interface Translator<Key extends string> {
  locale: Locale;
  t(key: Key, values?: MessageValues): string;
  /**
   * A message with tags (`<countdown>{time}</countdown>`): each tag's content goes through its
   * function, so part of a sentence can be its own element without the sentence being split.
   */
  rich<Part>(key: Key, values: MessageValues, tags: Record<string, (chunks: (string | Part)[]) => Part>): (string | Part)[];
  /** "“+1” or “SOLD”": a list as the language joins alternatives. */
  alternatives(words: readonly string[]): string;
  /** "Ana, Bob and Lin": a list as the language joins a whole set. */
  all(words: readonly string[]): string;
}

export function createTranslator<Key extends string>(catalogues: Catalogues<Key>, locale: Locale): Translator<Key> {
  const compiled = new Map<Key, IntlMessageFormat>();
  const format = (key: Key) => {
    let message = compiled.get(key);
    if (!message) {
      message = new IntlMessageFormat(catalogues[locale][key], locale);
      compiled.set(key, message);
    }
    return message;
  };
  const disjunction = new Intl.ListFormat(locale, { type: 'disjunction' });
  const conjunction = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    locale,
    t: (key, values) => String(format(key).format(values)),
    rich: <Part,>(key: Key, values: MessageValues, tags: Record<string, (chunks: (string | Part)[]) => Part>) => {
      const result = format(key).format<Part>({ ...values, ...tags });
      return Array.isArray(result) ? result : [result];
    },
    alternatives: (words) => disjunction.format(words),
    all: (words) => conjunction.format(words),
  };
}
