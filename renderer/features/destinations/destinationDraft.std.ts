import { destinationPresets } from '../../../contract/destinationPresets.std';
import {
  serverUrlProblem,
  streamKeyProblem,
  type Destination,
  type DestinationInput,
  type DestinationPlatform,
} from '../../../contract/schemas/destination.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

/** The add/edit form's fields. `streamKey` is what is being typed now; empty keeps the saved key. */
export interface DestinationDraft {
  id: string | null;
  platform: DestinationPlatform;
  name: string;
  serverUrl: string;
  enabled: boolean;
  streamKey: string;
  /** The core holds a key for it (editing only). */
  hasKey: boolean;
}

export function newDraft(platform: DestinationPlatform = 'youtube'): DestinationDraft {
  const preset = destinationPresets[platform];
  return { id: null, platform, name: preset.label, serverUrl: preset.defaultServerUrl, enabled: true, streamKey: '', hasKey: false };
}

export function draftOf(destination: Destination): DestinationDraft {
  return { ...destination, streamKey: '' };
}

/** Another platform: its default server URL and name replace the old ones unless the merchant changed them. */
export function withPlatform(draft: DestinationDraft, platform: DestinationPlatform): DestinationDraft {
  const before = destinationPresets[draft.platform];
  const after = destinationPresets[platform];
  return {
    ...draft,
    platform,
    name: draft.name.trim() === '' || draft.name === before.label ? after.label : draft.name,
    serverUrl: draft.serverUrl.trim() === '' || draft.serverUrl === before.defaultServerUrl ? after.defaultServerUrl : draft.serverUrl,
  };
}

export interface DraftProblems {
  name: string | null;
  serverUrl: string | null;
  streamKey: string | null;
}

/** The server URL's and key's problems are the contract's sentences (no code): they stay as it words them. */
export function draftProblems(draft: DestinationDraft, { t }: StudioTranslator): DraftProblems {
  return {
    name: draft.name.trim() === '' ? t('dest.form.nameMissing') : null,
    serverUrl: serverUrlProblem(draft.serverUrl, draft.platform),
    // Empty keeps the saved key (or leaves a custom server without one).
    streamKey: draft.streamKey.trim() === '' ? null : streamKeyProblem(draft.streamKey),
  };
}

/** What saveDestination gets: the key only when one was typed. */
export function inputOf(draft: DestinationDraft): DestinationInput {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    platform: draft.platform,
    name: draft.name.trim(),
    serverUrl: draft.serverUrl.trim(),
    enabled: draft.enabled,
    ...(draft.streamKey.trim() === '' ? {} : { streamKey: draft.streamKey.trim() }),
  };
}
