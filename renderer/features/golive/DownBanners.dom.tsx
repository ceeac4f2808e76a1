import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';
import { downBanners } from './liveWords.std';

/** A banner for each destination that is down, naming it and why, until it is back. */
export function DownBanners() {
  const banners = downBanners(useStudio((studio) => studio.live), useT());
  if (banners.length === 0) return null;
  return (
    <div className="down-banners">
      {banners.map((banner) => (
        <p key={banner.id} role="alert" className="down-banner">
          {banner.text}
        </p>
      ))}
    </div>
  );
}
