import { useT } from '../i18n/viewerI18n.dom';
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
  const { t } = useT();
  return (
    <main className="viewer viewer-nowhere">
      <h1>{t('page.nowhere.title')}</h1>
      <p>{t('page.nowhere.body')}</p>
    </main>
  );
}
