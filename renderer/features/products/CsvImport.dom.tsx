import { useState } from 'react';
import type { CsvImportResult } from '../../../contract/schemas/catalogue.std';
import { useStudioApi } from '../../app/studioContext.dom';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { FieldError } from '../../app/FieldError.dom';

/** A merchant's product spreadsheet (CSV) into the catalogue; what was refused is listed line by line. */
export function CsvImport() {
  const api = useStudioApi();
  const [result, setResult] = useState<Omit<CsvImportResult, 'catalogue'> | null>(null);
  const [busy, setBusy] = useState(false);
  const { run, failure } = usePanelCall();

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    await run(async () => {
      const { added, updated, rejected, notes } = await api.importProductsCsv({ csv: await file.text() });
      setResult({ added, updated, rejected, ...(notes ? { notes } : {}) });
    });
    setBusy(false);
  };

  return (
    <section className="csv-import" aria-label="Import products">
      <label>
        Import a CSV
        <input type="file" accept=".csv,text/csv" disabled={busy} onChange={(event) => {
          void importFile(event.target.files?.[0]);
          event.target.value = '';
        }} />
      </label>
      <FieldError message={failure} />
      {result && (
        <div className="import-result" role="status" aria-label="Import result">
          <p>
            {result.added} added, {result.updated} updated{result.rejected.length > 0 ? `, ${result.rejected.length} rejected` : ''}.
          </p>
          {result.notes?.map((note) => (
            <p key={note}>{note}</p>
          ))}
          {result.rejected.length > 0 && (
            <ul className="rejected-lines" aria-label="Rejected lines">
              {result.rejected.map((rejection) => (
                <li key={rejection.line}>
                  Line {rejection.line}: {rejection.reason}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="small-button" onClick={() => setResult(null)}>
            Dismiss
          </button>
        </div>
      )}
    </section>
  );
}
