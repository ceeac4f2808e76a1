import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
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

const words = { starting: 'Starting…', live: 'On air', reconnecting: 'Reconnecting…', ending: 'Ending…' } as const;

/** Large and red while the show is on air, with how long it has been: nobody wonders whether they are live. */
export function OnAirIndicator() {
  const { state, liveAt } = useStudio(useShallow((studio) => ({ state: studio.live.state, liveAt: studio.live.liveAt })));
  const now = useNow(liveAt !== null);
  if (state === 'offline') return null;
  return (
    <output className={`on-air-indicator on-air-${state}`} aria-label="On air">
      <span className="on-air-dot" aria-hidden="true" />
      <span className="on-air-words">{words[state]}</span>
      {liveAt !== null && <span className="on-air-clock">{onAirClock(now - liveAt)}</span>}
    </output>
  );
}
