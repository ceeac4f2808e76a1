import { useT } from '../i18n/viewerI18n.dom';
import { useRef, useState } from 'react';
import { useConnection, useViewer } from '../viewerContext.dom';

const MAX_FLOATING = 12;
const DRIFTS = ['drift-a', 'drift-b', 'drift-c'] as const;

/** A heart to tap as often as one likes; taps go to the room in batches. */
export function LikeButton() {
  const translator = useT();
  const compact = new Intl.NumberFormat(translator.locale, { notation: 'compact', maximumFractionDigits: 1 });
  const connection = useConnection();
  const likes = useViewer((state) => state.likes);
  const [hearts, setHearts] = useState<{ id: number; drift: (typeof DRIFTS)[number] }[]>([]);
  const nextId = useRef(0);

  const tap = () => {
    connection.like();
    const id = nextId.current++;
    setHearts((list) => [...list, { id, drift: DRIFTS[id % DRIFTS.length] ?? 'drift-a' }].slice(-MAX_FLOATING));
  };

  return (
    <div className="like">
      <div className="like-hearts" aria-hidden="true">
        {hearts.map((heart) => (
          <span key={heart.id} className={`like-heart ${heart.drift}`} onAnimationEnd={() => setHearts((list) => list.filter((h) => h.id !== heart.id))}>
            ♥
          </span>
        ))}
      </div>
      <button type="button" className="like-button" onClick={tap} aria-label={translator.t('like.label', { count: likes })}>
        <span className="like-icon" aria-hidden="true">
          ♥
        </span>
        <span className="like-count">{compact.format(likes)}</span>
      </button>
    </div>
  );
}
