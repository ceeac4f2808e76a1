import { describe, expect, it } from 'vitest';
import { isQuestion } from './isQuestion.std';

describe('isQuestion', () => {
  it.each([
    'How much is shipping',
    'size M?',
    '这个多少钱',
    '有货吗',
    '颜色呢',
    '怎么买',
    '还有吗？',
    'what colours do you have',
    'Nice! does it come in blue',
    'Is it waterproof',
    'can I pay on delivery',
    'where do you ship from',
  ])('%s is a question', (text) => expect(isQuestion(text)).toBe(true));

  it.each(['Love it', "can't wait!", "Isn't it lovely", 'SOLD', '+1', '要2', 'beautiful 好看', 'this is great', 'I can buy two'])('%s is not', (text) =>
    expect(isQuestion(text)).toBe(false),
  );
});
