// Which comments are questions, for the Questions filter: a heuristic, cheap enough to run over the
// whole window on every batch. A question mark in any script, the Chinese question particles and
// words, or a clause that opens with an English question word.

const questionMarks = /[?？¿؟]/;
const chineseMarkers = /吗|呢|多少|怎么|什么|哪|几[个件天号]|是否|有没有|能不能|可不可以|可以吗/;
const englishOpeners = new Set([
  'how', 'what', 'when', 'where', 'why', 'which', 'who', 'whose',
  'does', 'do', 'did', 'can', 'could', 'is', 'are', 'was', 'will', 'would', 'should', 'shall', 'may', 'has', 'have', 'any',
]);
// A clause starts the text or follows sentence punctuation; its first word is letters only, so
// "can't wait" and "isn't it lovely" do not count as "can …" or "is …".
const clauseOpener = /(?:^|[.!。！,，;；:\n]\s*)([A-Za-z]+)(?=\s|$)/g;

export function isQuestion(text: string): boolean {
  if (questionMarks.test(text) || chineseMarkers.test(text)) return true;
  for (const match of text.matchAll(clauseOpener)) {
    const word = match[1];
    if (word !== undefined && englishOpeners.has(word.toLowerCase())) return true;
  }
  return false;
}
