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
    expect(english.t('csv.summary', { added: 1, updated: 0, rejected: 1 })).toBe('1 added, 0 updated, 1 rejected.');
    expect(english.t('csv.summary', { added: 2, updated: 1, rejected: 0 })).toBe('2 added, 1 updated.');
    expect(chinese.t('csv.summary', { added: 2, updated: 1, rejected: 3 })).toBe('新增 2 个，更新 1 个，3 个未导入。');
    expect(chinese.t('money.notAPrice', { field: '售价', whole: 'no' })).toBe('售价不是有效金额（请按 1299、1,299.00 或 ¥1,299 这样填写）。');
  });
});
