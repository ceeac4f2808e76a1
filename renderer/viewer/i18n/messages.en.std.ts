// The viewers' page in English: one ICU message per sentence (placeholders and plurals inside
// the message, never glued from pieces), the catalogue every other language must match.

export const en = {
  'page.nowhere.title': 'This link does not lead to a live room.',
  'page.nowhere.body': 'Scan the shop’s QR code again, or ask the shop for its link.',
  'language.switch': '中文',
  'language.switchLabel': '切换到中文 (Switch to Chinese)',

  'banner.connecting': 'Connecting…',
  'banner.reconnecting': 'Reconnecting…',

  'stage.region': 'Live video',
  'stage.joining': 'Joining the live room…',
  'stage.noVideo': 'Video is not available in this room right now.',
  'stage.notStarted': 'The show hasn’t started yet',
  'stage.starting': 'Starting the video…',
  'stage.live': 'LIVE',
  'stage.watching': '{count, plural, other {# watching}}',
  'stage.tapForSound': '🔇 Tap for sound',
  'like.label': '{count, plural, one {Like (# like)} other {Like (# likes)}}',

  'pinned.region': 'Pinned comment',
  'pinned.tag': '📌 Pinned',

  'product.region': 'Now explaining',
  'product.left': '{count, plural, other {# left}}',
  'product.soldOut': 'Sold out',
  'product.saleEndsIn': '⚡ Flash sale ends in <countdown>{time}</countdown>',
  'product.saleOver': 'The flash sale has ended',
  'product.claim': 'Comment {words} to claim',
  'product.claimWaitlist': 'Sold out: comment {words} to join the waitlist',
  'product.buy': 'Buy',

  'buy.close': 'Close',
  'buy.received': 'Order received: <number>{number}</number>',
  'buy.contactSoon': 'The shop will contact you to arrange payment and delivery.',
  'buy.done': 'Done',
  'buy.quantity': 'Quantity',
  'buy.fewer': 'One fewer',
  'buy.more': 'One more',
  'buy.name': 'Your name',
  'buy.phone': 'Phone',
  'buy.note': 'Note (or instead of a phone)',
  'buy.sending': 'Sending…',
  'buy.order': 'Order {quantity} · {total}',

  'form.empty.name': 'A name is needed.',
  'form.empty.buyerName': 'A name is needed.',
  'form.empty.text': 'Write a comment first.',
  'form.tooLong.name': 'The name is too long (at most {max} characters).',
  'form.tooLong.buyerName': 'The name is too long (at most {max} characters).',
  'form.tooLong.text': 'The comment is too long (at most {max} characters).',
  'form.tooLong.contact': 'The phone or contact is too long (at most {max} characters).',
  'form.tooLong.note': 'The note is too long (at most {max} characters).',
  'form.tooMany': 'The quantity is at most {max}.',
  'form.invalid': 'Check this field.',
  'form.contactOrNote': 'Give a phone number or a note so the shop can reach you.',

  'comment.form': 'Write a comment',
  'comment.blocked': 'The shop has blocked you from commenting in this room.',
  'comment.namePlaceholder': 'Name',
  'comment.nameLabel': 'Your name',
  'comment.placeholder': 'Say something…',
  'comment.label': 'Comment',
  'comment.send': 'Send',

  'feed.region': 'Comments',
  'feed.empty': 'No comments yet. Say hello!',
  'feed.shop': 'Shop',
  'feed.you': 'you',
  'feed.jump': 'New comments ↓',

  'orders.summary': 'Your orders ({count})',
  'orders.number': 'Order <number>{number}</number>',
  'orders.status.new': 'Received',
  'orders.status.handled': 'Confirmed by the shop',
  'orders.status.cancelled': 'Cancelled',
  'orders.status.waitlisted': 'On the waitlist',
  'orders.claim.waitlisted': 'On the waitlist — you get it if a claim is cancelled',
  'orders.claim.claimed': 'Claimed',

  'refusal.out-of-stock': 'Sold out: there are none left.',
  'refusal.sale-over': 'The flash sale is over.',
  'refusal.not-promoted': 'This product is not on sale right now.',
  'refusal.rate-limited': 'Too fast: wait a moment and send again.',
  'refusal.banned': 'The shop has blocked you in this room.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
