import type { ExportJob } from '../../../contract/schemas/replay.std';

export const exportJobStateLabels: Record<ExportJob['state'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/**
 * Whether a job of this show finished between two `exports` events: its new clips or exports are
 * then on disk and the open show is read again. A job first seen already done (one quick enough to
 * start and finish between two events) counts too.
 */
export function showJobFinished(previous: readonly ExportJob[], next: readonly ExportJob[], showId: string): boolean {
  const doneBefore = new Set(previous.filter((job) => job.state === 'done').map((job) => job.id));
  return next.some((job) => job.showId === showId && job.state === 'done' && !doneBefore.has(job.id));
}
