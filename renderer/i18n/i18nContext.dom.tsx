import { createContext, use, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createTranslator, otherLocale, pickLocale, type Catalogues, type Locale, type MessageValues, type Translator } from './translate.std';

/** Every page's catalogue names its language switch in both languages. */
export type SwitchKey = 'language.switch' | 'language.switchLabel';

/** The page's language at start: the person's choice kept on this device, else the browser's languages. */
export function initialLocale(storage: Storage | null, storageKey: string): Locale {
  let saved: string | null = null;
  try {
    saved = storage?.getItem(storageKey) ?? null;
  } catch {
    // Storage refused (a private window's policy): the browser's languages decide.
  }
  return pickLocale(navigator.languages, saved);
}

/**
 * A page's language machinery over its own catalogues, so its keys are checked at compile time:
 * the provider (the choice kept on the device under `storageKey` and set as `<html lang>`), the
 * hook, the switch and `Sentence`.
 */
export function createI18n<Key extends string>(catalogues: Catalogues<Key | SwitchKey>, storageKey: string) {
  type PageKey = Key | SwitchKey;
  interface I18nValue {
    translator: Translator<PageKey>;
    setLocale(locale: Locale): void;
  }
  const I18nContext = createContext<I18nValue | null>(null);

  /** The page in `initial`, switchable; the choice is kept on the device and set as the document's language. */
  function I18nProvider({ initial, storage, children }: { initial: Locale; storage: Storage | null; children: ReactNode }) {
    const [locale, setLocale] = useState(initial);
    const value = useMemo(
      () => ({
        translator: createTranslator(catalogues, locale),
        setLocale: (next: Locale) => {
          setLocale(next);
          try {
            storage?.setItem(storageKey, next);
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

  function useT(): Translator<PageKey> {
    return useI18n().translator;
  }

  /**
   * A sentence with one part of it in its own `<span className>`: the message's `<tag>…</tag>`
   * (the countdown in "Flash sale ends in 04:59", the number in "Order received: BAN-9MQ").
   */
  function Sentence({ message, values, tag, className }: { message: PageKey; values: MessageValues; tag: string; className: string }) {
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
  function LanguageSwitch() {
    const { translator, setLocale } = useI18n();
    const other = otherLocale(translator.locale);
    return (
      <button type="button" className="language-switch" lang={other} aria-label={translator.t('language.switchLabel')} onClick={() => setLocale(other)}>
        {translator.t('language.switch')}
      </button>
    );
  }

  return { I18nProvider, useT, Sentence, LanguageSwitch };
}
