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

export function StatusBar() {
  const status = useStudio(useShallow((state) => state.status));
  const elapsed = useSecondsSince(status.liveSince);
  const items: [label: string, value: string][] = [
    ['Duration', elapsed === null ? '00:00:00' : formatDuration(elapsed)],
    ['Bitrate', orDash(status.bitrateKbps, (kbps) => `${Math.round(kbps)} kb/s`)],
    ['FPS', orDash(status.fps, (fps) => fps.toFixed(0))],
    ['Dropped frames', String(status.droppedFrames)],
    ['CPU', `${status.cpuPercent.toFixed(0)} %`],
  ];
  return (
    <footer className="status-bar" aria-label="Stream status">
      <output aria-label="State" className={`state state-${status.state}`}>
        {stateLabels[status.state]}
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
