import { memo } from 'react';
import type { ExportJob } from '../../../contract/schemas/replay.std';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { FieldError } from '../../app/FieldError.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

/** Every show's background exports as the core reports them, with progress and Cancel while they run. */
export function ExportJobList() {
  const jobs = useStudio((state) => state.exportJobs);
  const { t } = useT();
  if (jobs.length === 0) return null;
  return (
    <section className="export-jobs" aria-labelledby="export-jobs-heading">
      <h3 id="export-jobs-heading">{t('library.jobs')}</h3>
      <ul aria-labelledby="export-jobs-heading">
        {jobs.map((job) => (
          <ExportJobRow key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}

const ExportJobRow = memo(function ExportJobRow({ job }: { job: ExportJob }) {
  const api = useStudioApi();
  const { run, failure } = usePanelCall();
  const { t } = useT();
  return (
    <li className={`export-job export-job-${job.state}`}>
      <span className="export-job-label">{job.label}</span>
      <progress aria-label={job.label} value={job.fraction} max={1} />
      <span className="export-job-detail">
        {t(`library.job.${job.state}`)}
        {job.detail && ` · ${job.detail}`}
      </span>
      {job.state === 'running' && (
        <button type="button" aria-label={t('library.cancelJob', { label: job.label })} onClick={() => void run(() => api.cancelExport({ jobId: job.id }))}>
          {t('common.cancel')}
        </button>
      )}
      <FieldError message={failure} />
    </li>
  );
});
