import type { ExportJob } from '../../../contract/schemas/replay.std';

export const exportJobStateLabels: Record<ExportJob['state'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
