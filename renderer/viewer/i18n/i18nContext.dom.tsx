import { createContext, use, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from './messages.en.std';
import { createTranslator, LANGUAGE_STORAGE_KEY, type Locale, type MessageValues, type Translator } from './translate.std';

interface I18nValue {
  translator: Translator;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18nValue | null>(null);

/** The page in `initial`, switchable; the choice is kept on the device and set as the document's language. */
export function I18nProvider({ initial, storage, children }: { initial: Locale; storage: Storage | null; children: ReactNode }) {
  const [locale, setLocale] = useState(initial);
  const value = useMemo(
    () => ({
      translator: createTranslator(locale),
      setLocale: (next: Locale) => {
        setLocale(next);
        try {
          storage?.setItem(LANGUAGE_STORAGE_KEY, next);
        } catch {
          // A full or refused storage: the choice holds for this visit.
        }
      },
    }),
    [locale, storage],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

function useI18n(): I18nValue {
  const value = use(I18nContext);
  if (!value) throw new Error('I18nProvider is missing');
  return value;
}

export function useT(): Translator {
  return useI18n().translator;
}

/**
 * A sentence with one part of it in its own `<span className>`: the message's `<tag>…</tag>`
 * (the countdown in "Flash sale ends in 04:59", the number in "Order received: BAN-9MQ").
 */
export function Sentence({ message, values, tag, className }: { message: MessageKey; values: MessageValues; tag: string; className: string }) {
  const translator = useT();
  return translator.rich<ReactNode>(message, values, {
    [tag]: (chunks) => (
      <span key={tag} className={className}>
        {chunks}
      </span>
    ),
  });
}

/** The other language's button: one tap, named in both. */
export function LanguageSwitch() {
  const { translator, setLocale } = useI18n();
  return (
    <button type="button" className="language-switch" lang={translator.locale === 'en' ? 'zh-CN' : 'en'} aria-label={translator.t('language.switchLabel')} onClick={() => setLocale(translator.locale === 'en' ? 'zh-CN' : 'en')}>
      {translator.t('language.switch')}
    </button>
  );
}
