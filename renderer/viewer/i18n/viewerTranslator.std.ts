import { createTranslator as createPageTranslator, type Catalogues, type Locale, type Translator as PageTranslator } from '../../i18n/translate.std';
import { en, type MessageKey } from './messages.en.std';
import { zhCN } from './messages.zhCN.std';

// The viewers' page over the shared language kernel (renderer/i18n/): its own catalogues and keys.

export const viewerCatalogues: Catalogues<MessageKey> = { en, 'zh-CN': zhCN };

/** Where the viewer's choice of language is kept on this device. */
export const LANGUAGE_STORAGE_KEY = 'shopcast.viewer.language';

export type Translator = PageTranslator<MessageKey>;

export const createTranslator = (locale: Locale): Translator => createPageTranslator(viewerCatalogues, locale);
