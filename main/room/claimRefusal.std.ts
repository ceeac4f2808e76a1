import type { RoomComment, RoomEventBody } from '../../contract/room/roomEvents.std';

// A claim word after the flash sale ended takes nothing, as the Buy sheet refuses `sale-over`.
// The room answers it where the claim was made, as a reply to that comment: the viewer sees
// why nothing was ordered, and so does everyone about to type the same word.

export const SALE_OVER_REPLY = 'The flash sale is over: this claim was not taken. 限时抢购已结束，本次认领未生效。';

export function saleOverReply(comment: RoomComment, replyId: string): Extract<RoomEventBody, { kind: 'reply' }> {
  return { kind: 'reply', replyId, commentId: comment.id, text: SALE_OVER_REPLY };
}
