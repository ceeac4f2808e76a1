import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStudio } from '../../app/studioContext.dom';
import { formatDuration, orDash, stateLabels } from './formatStatus.std';

function useSecondsSince(since: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? null : (now - since) / 1000;
}

/**
 * The show's figures from the core's live session, the same the panel's health line reads, counted
 * from Go Live; before it, only the picture's rate reaching the core (what the pre-flight checks).
 */
export function StatusBar() {
  const status = useStudio(useShallow((state) => ({ pictureFps: state.status.fps, cpuPercent: state.status.cpuPercent })));
  const live = useStudio((state) => state.live);
  const onAir = live.state !== 'offline';
  const elapsed = useSecondsSince(live.liveAt);
  const items: [label: string, value: string][] = [
    ['Duration', elapsed === null ? '00:00:00' : formatDuration(elapsed)],
    ['Bitrate', orDash(onAir ? live.health.bitrateKbps : null, (kbps) => `${Math.round(kbps)} kb/s`)],
    ['FPS', orDash(onAir ? live.health.fps : status.pictureFps, (fps) => fps.toFixed(0))],
    ['Dropped frames', onAir ? String(live.health.droppedFrames) : '—'],
    ['CPU', `${status.cpuPercent.toFixed(0)} %`],
  ];
  return (
    <footer className="status-bar" aria-label="Stream status">
      <output aria-label="State" className={`state state-${live.state}`}>
        {stateLabels[live.state]}
      </output>
      {items.map(([label, value]) => (
        // aria-live off: a figure that changes every second would drown a screen reader.
        <output key={label} aria-label={label} aria-live="off">
          <span className="label">{label}</span> {value}
        </output>
      ))}
    </footer>
  );
}
