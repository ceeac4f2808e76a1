import type { PanelComment, PanelOrder } from '../../../contract/schemas/panel.std';
import { isQuestion } from './isQuestion.std';

export const commentFilters = ['all', 'questions', 'buyers', 'flagged'] as const;
export type CommentFilter = (typeof commentFilters)[number];

export interface CommentQuery {
  filter: CommentFilter;
  search: string;
  /** Viewers with an order in the window. */
  buyers: ReadonlySet<string>;
  isFlagged(comment: PanelComment): boolean;
}

/** Viewers who ordered (any status but cancelled) among the panel's orders. */
export function buyersOf(orders: readonly PanelOrder[]): Set<string> {
  const buyers = new Set<string>();
  for (const order of orders) if (order.status !== 'cancelled') buyers.add(order.viewerId);
  return buyers;
}

const questionCache = new WeakMap<PanelComment, boolean>();
/** A comment's text never changes, so its answer is kept with it and dropped with it. */
export function isQuestionComment(comment: PanelComment): boolean {
  let answer = questionCache.get(comment);
  if (answer === undefined) {
    answer = isQuestion(comment.text);
    questionCache.set(comment, answer);
  }
  return answer;
}

/** The comments the list shows. "All" without a search is the window itself (same array): nothing to compute at 2,000 comments a second. */
export function filterComments(comments: readonly PanelComment[], query: CommentQuery): readonly PanelComment[] {
  const search = query.search.trim().toLowerCase();
  if (query.filter === 'all' && search === '') return comments;
  return comments.filter((comment) => {
    if (query.filter === 'questions' && !isQuestionComment(comment)) return false;
    if (query.filter === 'buyers' && !query.buyers.has(comment.viewerId)) return false;
    if (query.filter === 'flagged' && !query.isFlagged(comment)) return false;
    return search === '' || comment.text.toLowerCase().includes(search) || comment.name.toLowerCase().includes(search);
  });
}
