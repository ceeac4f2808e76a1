import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/studioI18n.dom';
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
  const { t } = useT();
  const status = useStudio(useShallow((state) => ({ pictureFps: state.status.fps, cpuPercent: state.status.cpuPercent })));
  const live = useStudio((state) => state.live);
  const onAir = live.state !== 'offline';
  const elapsed = useSecondsSince(live.liveAt);
  const items: [label: string, value: string][] = [
    [t('status.duration'), elapsed === null ? '00:00:00' : formatDuration(elapsed)],
    [t('status.bitrate'), orDash(onAir ? live.health.bitrateKbps : null, (kbps) => t('status.kbps', { kbps: Math.round(kbps) }))],
    [t('status.fps'), orDash(onAir ? live.health.fps : status.pictureFps, (fps) => fps.toFixed(0))],
    [t('status.dropped'), onAir ? String(live.health.droppedFrames) : '—'],
    [t('status.cpu'), t('status.percent', { value: status.cpuPercent.toFixed(0) })],
  ];
  return (
    <footer className="status-bar" aria-label={t('status.region')}>
      <output aria-label={t('status.state')} className={`state state-${live.state}`}>
        {t(stateLabels[live.state])}
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
