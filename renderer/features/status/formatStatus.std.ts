import type { StreamState } from '../../../contract/schemas/status.std';
import type { StudioKey } from '../../app/i18n/messages.en.std';

export const stateLabels: Record<StreamState, StudioKey> = {
  offline: 'status.state.offline',
  starting: 'status.state.starting',
  live: 'status.state.live',
  reconnecting: 'status.state.reconnecting',
  ending: 'status.state.ending',
};

export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

export const orDash = (value: number | null, format: (value: number) => string) => (value === null ? '—' : format(value));
