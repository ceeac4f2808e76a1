// What a live room reads and writes, whatever holds it: the SQLite file of a single room server
// (sqliteRoomStore.node.ts) or PostgreSQL for a room served by several nodes (pg/pgRoomStore.node.ts).
// The room's logic (liveRoom, roomOrders, roomStock) is written once against this and awaits every
// call. A method may answer a plain value: SQLite answers synchronously, and an `await` of a plain
// value resumes in the same turn, so the SQLite batch stays one uninterrupted run as before.

export type Maybe<T> = T | Promise<T>;

/** The room's own row: what the studio set, and the newest seq written. */
export interface RoomRow {
  pinned: string | null;
  promotion: string | null;
  ended: string | null;
  likes: number;
  lastSeq: number;
}

/** An event as stored: its kind and owner say who may read it. */
export interface StoredEventRow {
  seq: number;
  kind: string;
  owner: string | null;
  body: string;
}

/** What a batch starts from when other writers may have committed since the last one. */
export interface BatchStart {
  row: RoomRow;
  /** Events other writers committed after the room's last known seq, in seq order. */
  missed: StoredEventRow[];
}

/** Who sent a message and the clientId they gave it: what its receipt is kept under. */
export interface ReceiptKey {
  sender: string;
  clientId: string;
}

export interface CommentRow {
  id: string;
  viewer_id: string;
  name: string;
  text: string;
  at: number;
  hidden: number;
}

/** A product as stored, with its variants' stock (none for a product without variants). */
export interface ProductRow {
  body: string;
  stock: number | null;
  variants: { id: string; stock: number | null }[];
}

export interface OrderRow {
  id: string;
  seq: number;
  viewerId: string;
  productId: string;
  variantId: string | null;
  quantity: number;
  amountMinor: number;
  status: string;
  body: string;
}

export interface RoomStore {
  // Opening: the room's row (created when new) and its banned viewers, read once.
  readonly opened: RoomRow;
  readonly banned: readonly string[];

  // Reads outside a batch, answered at once (the room server's replay must not wait).
  eventsSince(after: number, viewerId: string | null, limit: number): string[];
  arrivalHistory(viewerId: string, comments: number): string[];
  /** A receipt known without a round trip, or null (the batch's own check is the one that counts). */
  peekReceipt(sender: string, clientId: string): { ack: string; eventKind: string | null } | null;
  /** The product as last known here (the welcome's snapshot: no round trip). */
  productNow(id: string): ProductRow | null;
  /** The viewer id for a key's hash, created when the key is new (`newViewerId` for a store that names viewers at random). */
  viewerOf(keyHash: string, newViewerId: () => string): string;

  // The batch: one transaction, each change in a savepoint.
  /**
   * Begins the batch's transaction; null when this process is the room's only writer (its memory
   * is current). `messages`: the receipts the batch's changes will ask for, read at once.
   */
  begin(knownSeq: number, messages: readonly ReceiptKey[]): Maybe<BatchStart | null>;
  savepoint(): Maybe<void>;
  release(): Maybe<void>;
  rollbackToSavepoint(): Maybe<void>;
  /** Commits, with the newest seq written; nothing is acknowledged before this resolves. */
  commit(lastSeq: number): Maybe<void>;
  rollback(): Maybe<void>;

  // Inside a batch.
  insertEvent(seq: number, at: number, kind: string, owner: string | null, body: string): Maybe<void>;
  receipt(sender: string, clientId: string): Maybe<{ ack: string; eventKind: string | null } | null>;
  insertReceipt(sender: string, clientId: string, ack: string): Maybe<void>;
  insertComment(id: string, seq: number, viewerId: string, name: string, text: string, at: number): Maybe<void>;
  comment(id: string): Maybe<CommentRow | null>;
  hideComment(id: string): Maybe<void>;
  product(id: string): Maybe<ProductRow | null>;
  upsertProduct(id: string, body: string, stock: number | null): Maybe<void>;
  deleteVariants(productId: string): Maybe<void>;
  insertVariant(productId: string, id: string, stock: number | null): Maybe<void>;
  /** The guarded take: `stock = stock - quantity WHERE stock >= quantity`; true when it took. */
  takeStock(productId: string, quantity: number): Maybe<boolean>;
  takeVariantStock(productId: string, variantId: string, quantity: number): Maybe<boolean>;
  /** Adds (or, negative, removes) units of tracked stock; false when there is no such tracked row. */
  returnStock(productId: string, quantity: number): Maybe<boolean>;
  returnVariantStock(productId: string, variantId: string, quantity: number): Maybe<boolean>;
  insertOrder(order: OrderRow): Maybe<void>;
  order(id: string): Maybe<{ body: string; status: string } | null>;
  setOrderStatus(id: string, status: string, body: string): Maybe<void>;
  /** Waitlisted orders of the product (variant) needing at most `maxQuantity`, oldest first. */
  waitlisted(productId: string, variantId: string | null, maxQuantity: number, limit: number): Maybe<{ quantity: number; body: string }[]>;
  /** A viewer's claims of a product with variants that named none. */
  unnamedClaims(productId: string, viewerId: string): Maybe<{ body: string }[]>;
  setPinned(json: string | null): Maybe<void>;
  setPromotion(json: string | null): Maybe<void>;
  /** Adds this node's likes since its last flush (several nodes each add theirs); answers the room's total. */
  addLikes(delta: number): Maybe<number>;
  setEnded(json: string | null): Maybe<void>;
  insertAction(seq: number, at: number, actor: string, kind: string, body: string): Maybe<void>;
  /** Bans a viewer who has joined; false when no viewer has that id. */
  ban(viewerId: string): Maybe<boolean>;
}
