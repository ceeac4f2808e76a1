import { CommentFeed } from './CommentFeed.dom';
import { CommentForm } from './CommentForm.dom';
import { ConnectionBanner } from './ConnectionBanner.dom';
import { MyOrders } from './MyOrders.dom';
import { PinnedBanner } from './PinnedBanner.dom';
import { ProductCard } from './ProductCard.dom';
import { VideoStage } from './VideoStage.dom';

/** Phone: one column with the comments scrolling between the card and the form. Desktop: the show left, the chat right. */
export function ViewerApp() {
  return (
    <div className="viewer">
      <ConnectionBanner />
      <div className="viewer-show">
        <VideoStage />
        <PinnedBanner />
        <ProductCard />
        <MyOrders />
      </div>
      <div className="viewer-chat">
        <CommentFeed />
        <CommentForm />
      </div>
    </div>
  );
}

export function NotARoom() {
  return (
    <main className="viewer viewer-nowhere">
      <h1>This link does not lead to a live room.</h1>
      <p>Scan the shop’s QR code again, or ask the shop for its link.</p>
    </main>
  );
}
