import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// `npm run lint:electron`: Doyensec's Electronegativity over the Electron edge (main/electron/,
// preload/), failing on any finding. Its CLI prints a table and exits 0 whatever it found, so it
// runs here through its programmatic API. A finding that does not apply is silenced where it
// occurs, with its reason (`/* eng-disable CHECK_ID: why */`), never here; two checks are left out
// for the whole run, each for a reason that holds everywhere:
// - AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK asks GitHub for Electron's releases (no network in CI);
//   the pinned Electron version is package.json's, and upgrades are their own commits.
// - CSP_GLOBAL_CHECK looks for a CSP in the scanned files; ours is sent as a header by the app
//   protocol for every renderer file (rendererCsp in main/http/securityHeaders.std.ts, served by
//   main/electron/appProtocol.main.ts), outside the folders scanned.
// Test files are not shipped: their fakes are not the app's configuration.

interface Finding {
  file: string;
  id: string;
  description: string;
  location: { line: number; column: number };
  manualReview?: boolean;
}
interface Result {
  issues: Finding[];
  /** Files it could not parse (then not checked); `tolerable` ones were parsed with warnings. */
  errors: { file: string; message: string; tolerable: boolean }[];
}
type Run = (options: Record<string, unknown>) => Promise<Result>;

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity') as Run;
const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
const folders = ['main/electron', 'preload'];
const excluded = ['AvailableSecurityFixesGlobalCheck', 'CSPGlobalCheck'];

let findings = 0;
// A global check says the app lacks something (navigation limits, a permission handler): it
// holds only if no scanned folder has it, so it is reported when every folder's run reports it.
const globalMisses = new Map<string, { count: number; finding: Finding }>();
for (const folder of folders) {
  const result = await run({ input: path.resolve(folder), isRelative: true, excludeFromScan: excluded, electronVersionOverride: electronVersion });
  for (const error of result.errors) {
    if (error.tolerable) continue;
    findings += 1;
    console.error(`${path.join(folder, path.relative(path.resolve(folder), error.file))} could not be checked: ${error.message}`);
  }
  for (const finding of result.issues) {
    if (/\.test\.ts$|TestKit\.ts$/.test(finding.file)) continue;
    if (finding.file === 'N/A') {
      const seen = globalMisses.get(finding.id);
      globalMisses.set(finding.id, { count: (seen?.count ?? 0) + 1, finding });
      continue;
    }
    findings += 1;
    const where = `${path.join(folder, finding.file)}:${finding.location.line}:${finding.location.column}`;
    console.error(`${where} ${finding.id}${finding.manualReview ? ' (review)' : ''}: ${finding.description}`);
  }
}
for (const { count, finding } of globalMisses.values()) {
  if (count < folders.length) continue;
  findings += 1;
  console.error(`${folders.join(' + ')} ${finding.id}: ${finding.description}`);
}
if (findings > 0) {
  console.error(`Electronegativity: ${findings} finding(s) in ${folders.join(', ')}. Fix each, or silence one that does not apply on its line with /* eng-disable CHECK_ID: why */.`);
  process.exit(1);
}
console.log(`Electronegativity: no findings in ${folders.join(', ')} (Electron ${electronVersion}).`);
