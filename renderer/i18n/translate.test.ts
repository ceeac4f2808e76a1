import { describe, expect, it } from 'vitest';
import { catalogueProblems, messageArguments } from './catalogueCheck.std';
import { createTranslator, otherLocale, pickLocale, type Catalogues } from './translate.std';

// The kernel over a catalogue of its own: what each page's catalogues rely on.

const catalogues = {
  en: {
    'like.label': '{count, plural, one {Like (# like)} other {Like (# likes)}}',
    'sale.endsIn': '⚡ Flash sale ends in <countdown>{time}</countdown>',
    'order.received': 'Order received: <code>{number}</code>',
    'people.watching': '{count, plural, other {# watching}}',
  },
  'zh-CN': {
    'like.label': '点赞（{count} 个赞）',
    'sale.endsIn': '⚡ 限时秒杀 <countdown>{time}</countdown> 后结束',
    'order.received': '订单已收到：<code>{number}</code>',
    'people.watching': '{count} 人在看',
  },
} as const satisfies Catalogues<string>;

describe('the language kernel', () => {
  it('takes the person’s own choice, else the browser’s first language it speaks, else English', () => {
    expect(pickLocale(['zh-CN', 'en'], null)).toBe('zh-CN');
    expect(pickLocale(['zh-TW'], null)).toBe('zh-CN');
    expect(pickLocale(['zh'], null)).toBe('zh-CN');
    expect(pickLocale(['de-DE', 'en-GB', 'zh-CN'], null)).toBe('en');
    expect(pickLocale(['fr'], null)).toBe('en');
    expect(pickLocale([], null)).toBe('en');
    expect(pickLocale(['zh-CN'], 'en')).toBe('en');
    expect(pickLocale(['en-US'], 'zh-CN')).toBe('zh-CN');
    expect(pickLocale(['en-US'], 'klingon')).toBe('en');
    expect(otherLocale('en')).toBe('zh-CN');
    expect(otherLocale('zh-CN')).toBe('en');
  });

  it('formats plurals, lists and tagged parts in each language', () => {
    const english = createTranslator(catalogues, 'en');
    const chinese = createTranslator(catalogues, 'zh-CN');
    expect(english.t('like.label', { count: 1 })).toBe('Like (1 like)');
    expect(english.t('like.label', { count: 2 })).toBe('Like (2 likes)');
    expect(chinese.t('people.watching', { count: 12 })).toBe('12 人在看');
    expect(english.alternatives(['"+1"', '"要"'])).toBe('"+1" or "要"');
    expect(chinese.alternatives(['"+1"', '"要"'])).toBe('"+1"或"要"');
    expect(english.all(['Teapot', 'Cups', 'Tray'])).toBe('Teapot, Cups, and Tray');
    expect(chinese.all(['茶壶', '茶杯', '托盘'])).toBe('茶壶、茶杯和托盘');
    const element = (chunks: unknown[]) => ({ countdown: chunks.join('') });
    expect(english.rich('sale.endsIn', { time: '04:59' }, { countdown: element })).toEqual(['⚡ Flash sale ends in ', { countdown: '04:59' }]);
    expect(chinese.rich('sale.endsIn', { time: '04:59' }, { countdown: (chunks) => `[${chunks.join('')}]` }).join('')).toBe('⚡ 限时秒杀 [04:59] 后结束');
    expect(english.rich('order.received', { number: 'BAN-9MQ' }, { code: (chunks) => chunks.join('') }).join('')).toBe('Order received: BAN-9MQ');
  });

  it('reads a message’s placeholders and tags from its ICU parse, plural arguments and nested ones included', () => {
    expect(messageArguments('{count, plural, one {# clip of {name}} other {# clips}} <b>{when}</b>', 'en')).toEqual(['<b>', 'count', 'name', 'when']);
    expect(messageArguments('No placeholder, \'{quoted}\'', 'en')).toEqual([]);
    expect(() => messageArguments('{broken', 'en')).toThrow();
  });

  it('names each translation whose placeholders differ from the English, or that does not parse', () => {
    expect(catalogueProblems(catalogues.en, catalogues['zh-CN'], 'zh-CN')).toEqual([]);
    const wrong = { ...catalogues['zh-CN'], 'order.received': '订单已收到：{numbr}', 'people.watching': '{count 人在看' };
    expect(catalogueProblems(catalogues.en, wrong, 'zh-CN')).toEqual([
      'order.received: has {numbr}, English has {<code> number}',
      expect.stringMatching(/^people\.watching: /),
    ]);
  });
});
