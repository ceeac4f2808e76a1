// The one order number a buyer, the shopkeeper and the shop's system all see: on the buyer's
// page, in the Orders tab, in the activity log, in the CSV and in the webhook's `number`.
//
// A pure function of the room's order id rather than a number the room assigns: the viewers'
// page, the panel and the order book each have the id already, old orders get a number too, and
// the room's protocol and database stay as they are. Six characters from Crockford's base32
// (no I, L, O or U, so nothing is taken for 1 or 0), as "K7M-4QX", two breaths on
// the phone. 30 bits from a hash of the whole id: for a show of 1,000 orders the odds that two
// share a number are about 1 in 2,000, and the buyer's name beside it tells them apart then.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHARS = 6;

/** FNV-1a over the id's UTF-16 units, then murmur3's finaliser so neighbouring ids ("o1", "o2") scatter. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** "K7M-4QX": the order's number, the same wherever the order is shown. */
export function orderNumber(orderId: string): string {
  let value = hash32(orderId);
  let out = '';
  for (let index = 0; index < CHARS; index += 1) {
    out = (ALPHABET[value & 31] ?? '0') + out;
    value >>>= 5;
  }
  return `${out.slice(0, 3)}-${out.slice(3)}`;
}
