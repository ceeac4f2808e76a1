import { createI18n } from '../../i18n/i18nContext.dom';
import { STUDIO_LANGUAGE_KEY, studioCatalogues } from './studioTranslator.std';

/** The studio's provider, hook, switch and `Sentence`, typed by its own keys. */
export const { I18nProvider, useT, Sentence, LanguageSwitch } = createI18n(studioCatalogues, STUDIO_LANGUAGE_KEY);
