import { useEffect, useState } from 'react';
import type { ShowDetail, ShowSummary } from '../../../contract/schemas/replay.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudioApi } from '../../app/studioContext.dom';
import { errorMessage } from '../destinations/errorMessage.std';

/**
 * The open show's player data, read again whenever what is on disk may have changed, as its
 * library entry says: its state (a repair finished, the show ended), its clips or its size (an
 * export finished: the core lists the library again when one does).
 */
export function useShowDetail(showId: string, summary: ShowSummary | undefined): { detail: ShowDetail | null; failure: string | null } {
  const api = useStudioApi();
  const translator = useT();
  const [detail, setDetail] = useState<ShowDetail | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const onDisk = summary ? `${summary.state}/${summary.clips}/${summary.sizeBytes}` : 'gone';

  useEffect(() => {
    let current = true;
    api.getShow({ showId }).then(
      (next) => {
        if (!current) return;
        setDetail(next);
        setFailure(null);
      },
      (error: unknown) => {
        if (current) setFailure(errorMessage(error, translator));
      },
    );
    return () => {
      current = false;
    };
  }, [api, showId, onDisk, translator]);

  // Until the newly opened show is read, nothing of the previous one is shown as if it were this one.
  return { detail: detail?.show.id === showId ? detail : null, failure };
}
