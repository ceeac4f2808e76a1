import { describe, expect, it } from 'vitest';
import type { ExportJob } from '../../../contract/schemas/replay.std';
import { showJobFinished } from './exportJobs.std';

const job = (id: string, showId: string, state: ExportJob['state']): ExportJob => ({
  id,
  showId,
  kind: 'clips',
  label: `Job ${id}`,
  state,
  fraction: state === 'done' ? 1 : 0.5,
  detail: null,
  outputs: [],
  startedAt: 0,
});

describe('showJobFinished', () => {
  it('is true when a job of the show turns done', () => {
    expect(showJobFinished([job('1', 'a', 'running')], [job('1', 'a', 'done')], 'a')).toBe(true);
  });

  it('ignores other shows, jobs still running, failed or cancelled, and jobs already done', () => {
    expect(showJobFinished([job('1', 'b', 'running')], [job('1', 'b', 'done')], 'a')).toBe(false);
    expect(showJobFinished([], [job('1', 'a', 'running')], 'a')).toBe(false);
    expect(showJobFinished([job('1', 'a', 'running')], [job('1', 'a', 'failed'), job('2', 'a', 'cancelled')], 'a')).toBe(false);
    expect(showJobFinished([job('1', 'a', 'done')], [job('1', 'a', 'done'), job('2', 'a', 'running')], 'a')).toBe(false);
  });
});
