import { createI18n } from '../../i18n/i18nContext.dom';
import { LANGUAGE_STORAGE_KEY, viewerCatalogues } from './viewerTranslator.std';

/** The viewers' page's provider, hook, switch and `Sentence`, typed by its own keys. */
export const { I18nProvider, useT, Sentence, LanguageSwitch } = createI18n(viewerCatalogues, LANGUAGE_STORAGE_KEY);
