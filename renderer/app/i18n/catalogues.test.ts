import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '../../i18n/catalogueCheck.std';
import { en } from './messages.en.std';
import { zhCN } from './messages.zhCN.std';
import { createStudioTranslator } from './studioTranslator.std';

describe('the studio in two languages', () => {
  it('has every key in both catalogues, each a whole ICU message with the same placeholders and tags', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    expect(catalogueProblems(en, zhCN, 'zh-CN')).toEqual([]);
  });

  it('has no tag named like a placeholder (the tag’s function would replace the value)', () => {
    for (const [key, message] of Object.entries(en)) {
      const tags = [...message.matchAll(/<(\w+)>/g)].map((match) => match[1]);
      const placeholders = [...message.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1]);
      expect(tags.filter((tag) => placeholders.includes(tag)), key).toEqual([]);
    }
  });

  it('speaks each language, plurals and selects included', () => {
    const english = createStudioTranslator('en');
    const chinese = createStudioTranslator('zh-CN');
    expect(english.t('golive.button')).toBe('Go Live');
    expect(chinese.t('golive.button')).toBe('开播');
    expect(english.t('endlive.grace', { minutes: 0 })).toBe('Close Buy now');
    expect(english.t('endlive.grace', { minutes: 10 })).toBe('Keep Buy open 10 minutes');
    expect(chinese.t('endlive.grace', { minutes: 10 })).toBe('继续开放购买 10 分钟');
    expect(english.t('confirm.remove', { what: 'scene', name: 'Camera' })).toBe('Remove scene “Camera”?');
    expect(chinese.t('confirm.remove', { what: 'destination', name: '抖音' })).toBe('删除推流平台“抖音”？');
    expect(chinese.t('console.who', { name: 'Lin', role: 'moderator' })).toBe('— Lin（场控）');
  });
});
