import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '../../i18n/catalogueCheck.std';
import { en } from './messages.en.std';
import { zhCN } from './messages.zhCN.std';
import { createTranslator } from './viewerTranslator.std';

describe('the viewers’ page in two languages', () => {
  it('every Chinese message is a whole sentence with the same placeholders as the English one', () => {
    expect(catalogueProblems(en, zhCN, 'zh-CN')).toEqual([]);
  });

  it('no tag shares its name with a placeholder (the tag’s function would replace the value)', () => {
    for (const [key, message] of Object.entries(en)) {
      const tags = [...message.matchAll(/<(\w+)>/g)].map((match) => match[1]);
      const placeholders = [...message.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1]);
      expect(tags.filter((tag) => placeholders.includes(tag)), key).toEqual([]);
    }
    expect(createTranslator('en').rich('buy.received', { number: 'BAN-9MQ' }, { code: (chunks) => chunks.join('') }).join('')).toBe('Order received: BAN-9MQ');
  });

  it('speaks each language with the page’s own messages', () => {
    expect(createTranslator('en').t('like.label', { count: 2 })).toBe('Like (2 likes)');
    expect(createTranslator('zh-CN').t('stage.watching', { count: 12 })).toBe('12 人在看');
  });
});
