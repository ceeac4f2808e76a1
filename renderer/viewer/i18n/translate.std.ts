import { IntlMessageFormat } from 'intl-messageformat';
import { en, type Catalogue, type MessageKey } from './messages.en.std';
import { zhCN } from './messages.zhCN.std';

export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

const catalogues: Record<Locale, Catalogue> = { en, 'zh-CN': zhCN };

/** Where the viewer's choice of language is kept on this device. */
export const LANGUAGE_STORAGE_KEY = 'shopcast.viewer.language';

/** The viewer's own choice if they made one, else the first of the browser's languages we speak (any Chinese reads zh-CN), else English. */
export function pickLocale(browserLanguages: readonly string[], saved: string | null): Locale {
  if (saved === 'en' || saved === 'zh-CN') return saved;
  for (const language of browserLanguages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

export type MessageValues = Record<string, string | number>;

export interface Translator {
  locale: Locale;
  t(key: MessageKey, values?: MessageValues): string;
  /**
   * A message with tags (`<countdown>{time}</countdown>`): each tag's content goes through its
   * function, so part of a sentence can be its own element without the sentence being split.
   */
  rich<Part>(key: MessageKey, values: MessageValues, tags: Record<string, (chunks: (string | Part)[]) => Part>): (string | Part)[];
  /** "“+1” or “SOLD”": a list as the language joins alternatives. */
  alternatives(words: readonly string[]): string;
}

export function createTranslator(locale: Locale): Translator {
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const format = (key: MessageKey) => {
    let message = compiled.get(key);
    if (!message) {
      message = new IntlMessageFormat(catalogues[locale][key], locale);
      compiled.set(key, message);
    }
    return message;
  };
  const list = new Intl.ListFormat(locale, { type: 'disjunction' });
  return {
    locale,
    t: (key, values) => String(format(key).format(values)),
    rich: <Part,>(key: MessageKey, values: MessageValues, tags: Record<string, (chunks: (string | Part)[]) => Part>) => {
      const result = format(key).format<Part>({ ...values, ...tags });
      return Array.isArray(result) ? result : [result];
    },
    alternatives: (words) => list.format(words),
  };
}
