import { useEffect, useState } from 'react';
import type { LiveRoomInfo } from '../../../contract/schemas/liveRoom.std';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';

/** How often the card re-reads the room's video state (a broadcaster starting or a worker restart). */
const REFRESH_MS = 5000;

/** Where viewers join the studio's own live room: the link, its QR code for phones, and whether they will see the show. */
export function LiveRoomCard() {
  const api = useStudioApi();
  const [room, setRoom] = useState<LiveRoomInfo | null>(null);
  const [copied, setCopied] = useState(false);
  const enabled = useStudio((state) => state.settings.liveRoomEnabled);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      api.getLiveRoom({}).then(
        (info) => !cancelled && setRoom(info),
        () => {},
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api]);

  if (!room) return null;
  if (!room.running || !room.watchUrl) {
    return (
      <section className="live-room-card" aria-label="Live room">
        <p role="status">{room.message ?? 'The live room is not running.'}</p>
      </section>
    );
  }
  const watchUrl = room.watchUrl;
  const copy = () => {
    void navigator.clipboard.writeText(watchUrl).then(() => setCopied(true));
  };
  return (
    <section className="live-room-card" aria-label="Live room">
      {room.qrSvg && <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(room.qrSvg)}`} alt={`QR code for ${watchUrl}`} width={96} height={96} />}
      <div className="join">
        <span className="label">Viewers join at</span>
        <a href={watchUrl} target="_blank" rel="noreferrer noopener" data-testid="watch-url">
          {watchUrl}
        </a>
        <button type="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy link'}
        </button>
        {!enabled ? (
          <p className="warning" role="status">
            Off in Destinations: viewers who open this link will not see the show.
          </p>
        ) : (
          !room.video.available && (
            <p className="warning" role="status">
              {room.video.reason}
            </p>
          )
        )}
      </div>
    </section>
  );
}
