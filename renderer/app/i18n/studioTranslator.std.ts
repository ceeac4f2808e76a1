import { createTranslator, type Catalogues, type Locale, type Translator } from '../../i18n/translate.std';
import { en, type StudioKey } from './messages.en.std';
import { zhCN } from './messages.zhCN.std';

// The studio (and the staff console) over the shared language kernel (renderer/i18n/): its own
// catalogues and keys. Pure text helpers (`*.std.ts`) take a `StudioTranslator` as an argument.

export const studioCatalogues: Catalogues<StudioKey> = { en, 'zh-CN': zhCN };

/** Where the merchant's choice of language is kept on this device (the staff console's too). */
export const STUDIO_LANGUAGE_KEY = 'shopcast.studio.language';

export type StudioTranslator = Translator<StudioKey>;

export const createStudioTranslator = (locale: Locale): StudioTranslator => createTranslator(studioCatalogues, locale);
