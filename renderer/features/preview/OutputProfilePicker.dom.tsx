import { outputProfileSchema, outputProfiles } from '../../../contract/schemas/settings.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';

export function OutputProfilePicker() {
  const api = useStudioApi();
  const { t } = useT();
  const profile = useStudio((state) => state.settings.outputProfile);
  const isOffline = useStudio((state) => state.status.state === 'offline');
  return (
    <label className="profile-picker">
      {t('shell.output')}
      <select
        value={profile}
        disabled={!isOffline}
        onChange={(event) => void api.updateSettings({ outputProfile: outputProfileSchema.parse(event.target.value) })}
      >
        {outputProfiles.map((option) => (
          <option key={option} value={option}>
            {t(`shell.output.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
