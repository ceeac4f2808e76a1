import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';
import { onAirClock } from './liveWords.std';

/** Re-renders every second while `running`, for a clock. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

const words = { starting: 'onair.starting', live: 'onair.live', reconnecting: 'onair.reconnecting', ending: 'onair.ending' } as const;

/** Large and red while the show is on air, with how long it has been: nobody wonders whether they are live. */
export function OnAirIndicator() {
  const { state, liveAt } = useStudio(useShallow((studio) => ({ state: studio.live.state, liveAt: studio.live.liveAt })));
  const now = useNow(liveAt !== null);
  const { t } = useT();
  if (state === 'offline') return null;
  return (
    <output className={`on-air-indicator on-air-${state}`} aria-label={t('onair.label')}>
      <span className="on-air-dot" aria-hidden="true" />
      <span className="on-air-words">{t(words[state])}</span>
      {liveAt !== null && <span className="on-air-clock">{onAirClock(now - liveAt)}</span>}
    </output>
  );
}
