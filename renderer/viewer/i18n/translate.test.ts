import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './messages.en.std';
import { zhCN } from './messages.zhCN.std';
import { createTranslator, pickLocale } from './translate.std';

/** The placeholders and tags a message uses, found by formatting it with probes. */
function argumentsOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{(\w+)[,}]|<(\w+)>/g)) names.add(match[1] ?? match[2] ?? '');
  expect(() => new IntlMessageFormat(message, locale)).not.toThrow();
  return [...names].sort();
}

describe('the viewers’ page in two languages', () => {
  it('takes the viewer’s own choice, else the browser’s first language it speaks, else English', () => {
    expect(pickLocale(['zh-CN', 'en'], null)).toBe('zh-CN');
    expect(pickLocale(['zh-TW'], null)).toBe('zh-CN');
    expect(pickLocale(['de-DE', 'en-GB', 'zh-CN'], null)).toBe('en');
    expect(pickLocale(['fr'], null)).toBe('en');
    expect(pickLocale(['zh-CN'], 'en')).toBe('en');
    expect(pickLocale(['en-US'], 'zh-CN')).toBe('zh-CN');
    expect(pickLocale(['en-US'], 'klingon')).toBe('en');
  });

  it('every Chinese message is a whole sentence with the same placeholders as the English one', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(argumentsOf(zhCN[key], 'zh-CN'), key).toEqual(argumentsOf(en[key], 'en'));
    }
  });

  it('no tag shares its name with a placeholder (the tag’s function would replace the value)', () => {
    for (const [key, message] of Object.entries(en)) {
      const tags = [...message.matchAll(/<(\w+)>/g)].map((match) => match[1]);
      const placeholders = [...message.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1]);
      expect(tags.filter((tag) => placeholders.includes(tag)), key).toEqual([]);
    }
    expect(createTranslator('en').rich('buy.received', { number: 'BAN-9MQ' }, { code: (chunks) => chunks.join('') }).join('')).toBe('Order received: BAN-9MQ');
  });

  it('formats plurals, lists and tagged parts in each language', () => {
    const english = createTranslator('en');
    const chinese = createTranslator('zh-CN');
    expect(english.t('like.label', { count: 1 })).toBe('Like (1 like)');
    expect(english.t('like.label', { count: 2 })).toBe('Like (2 likes)');
    expect(chinese.t('stage.watching', { count: 12 })).toBe('12 人在看');
    expect(english.alternatives(['"+1"', '"要"'])).toBe('"+1" or "要"');
    expect(chinese.alternatives(['"+1"', '"要"'])).toBe('"+1"或"要"');
    const element = (chunks: unknown[]) => ({ countdown: chunks.join('') });
    expect(english.rich('product.saleEndsIn', { time: '04:59' }, { countdown: element })).toEqual(['⚡ Flash sale ends in ', { countdown: '04:59' }]);
    expect(chinese.rich('product.saleEndsIn', { time: '04:59' }, { countdown: (chunks) => `[${chunks.join('')}]` }).join('')).toBe('⚡ 限时秒杀 [04:59] 后结束');
  });
});
