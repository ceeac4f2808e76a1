import { outputProfileSchema, outputProfiles } from '../../../contract/schemas/settings.std';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { outputSizes } from './outputSize.std';

export function OutputProfilePicker() {
  const api = useStudioApi();
  const profile = useStudio((state) => state.settings.outputProfile);
  const isOffline = useStudio((state) => state.status.state === 'offline');
  return (
    <label className="profile-picker">
      Output
      <select
        value={profile}
        disabled={!isOffline}
        onChange={(event) => void api.updateSettings({ outputProfile: outputProfileSchema.parse(event.target.value) })}
      >
        {outputProfiles.map((option) => (
          <option key={option} value={option}>
            {outputSizes[option].label}
          </option>
        ))}
      </select>
    </label>
  );
}
