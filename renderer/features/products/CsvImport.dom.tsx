import { useId, useState } from 'react';
import type { CsvImportResult } from '../../../contract/schemas/catalogue.std';
import { useStudioApi } from '../../app/studioContext.dom';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { FieldError } from '../../app/FieldError.dom';
import { FilePicker } from '../../app/FilePicker.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

/** A merchant's product spreadsheet (CSV) into the catalogue; what was refused is listed line by line. */
export function CsvImport() {
  const api = useStudioApi();
  const [result, setResult] = useState<Omit<CsvImportResult, 'catalogue'> | null>(null);
  const [busy, setBusy] = useState(false);
  const { run, failure } = usePanelCall();
  const { t } = useT();
  const pickerId = useId();

  const importFile = async (file: File) => {
    setBusy(true);
    setResult(null);
    await run(async () => {
      const { added, updated, rejected, notes } = await api.importProductsCsv({ csv: await file.text() });
      setResult({ added, updated, rejected, ...(notes ? { notes } : {}) });
    });
    setBusy(false);
  };

  return (
    <section className="csv-import" aria-label={t('csv.region')}>
      <label htmlFor={pickerId}>{t('csv.pick')}</label>
      <FilePicker id={pickerId} accept=".csv,text/csv" disabled={busy} chooseLabel={t('csv.choose')} onFile={(file) => void importFile(file)} />
      <FieldError message={failure} />
      {result && (
        <div className="import-result" role="status" aria-label={t('csv.result')}>
          <p>
            {t('csv.summary', { added: result.added, updated: result.updated, rejected: result.rejected.length })}
          </p>
          {result.notes?.map((note) => (
            <p key={note}>{note}</p>
          ))}
          {result.rejected.length > 0 && (
            <ul className="rejected-lines" aria-label={t('csv.rejected')}>
              {result.rejected.map((rejection) => (
                <li key={rejection.line}>
                  {/* The reason is the core's CSV check, in its own words. */}
                  {t('csv.line', { line: rejection.line, reason: rejection.reason })}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="small-button" onClick={() => setResult(null)}>
            {t('csv.dismiss')}
          </button>
        </div>
      )}
    </section>
  );
}
