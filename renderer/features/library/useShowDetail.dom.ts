import { useEffect, useState } from 'react';
import type { ShowDetail, ShowSummary } from '../../../contract/schemas/replay.std';
import { useStudioApi, useStudioStore } from '../../app/studioContext.dom';
import { errorMessage } from '../destinations/errorMessage.std';
import { showJobFinished } from './exportJobs.std';

/**
 * The open show's player data, read again whenever what is on disk may have changed: its state
 * (a repair finished, the show ended) or its clip count changed in the library, or one of its
 * exports finished (new clips or files to list).
 */
export function useShowDetail(showId: string, summary: ShowSummary | undefined): { detail: ShowDetail | null; failure: string | null } {
  const api = useStudioApi();
  const store = useStudioStore();
  const [detail, setDetail] = useState<ShowDetail | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [jobsFinished, setJobsFinished] = useState(0);
  const onDisk = summary ? `${summary.state}/${summary.clips}` : 'gone';

  useEffect(() => {
    let current = true;
    api.getShow({ showId }).then(
      (next) => {
        if (!current) return;
        setDetail(next);
        setFailure(null);
      },
      (error: unknown) => {
        if (current) setFailure(errorMessage(error));
      },
    );
    return () => {
      current = false;
    };
  }, [api, showId, onDisk, jobsFinished]);

  useEffect(() => {
    let previous = store.getState().exportJobs;
    return store.subscribe(({ exportJobs }) => {
      if (exportJobs === previous) return;
      if (showJobFinished(previous, exportJobs, showId)) setJobsFinished((count) => count + 1);
      previous = exportJobs;
    });
  }, [store, showId]);

  // Until the newly opened show is read, nothing of the previous one is shown as if it were this one.
  return { detail: detail?.show.id === showId ? detail : null, failure };
}
