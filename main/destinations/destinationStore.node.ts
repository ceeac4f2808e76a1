import { z } from 'zod';
import { RefusedError } from '../../contract/envelope.std';
import { destinationPresets } from '../../contract/destinationPresets.std';
import {
  destinationIdSchema,
  destinationInputSchema,
  destinationPlatformSchema,
  joinPushUrl,
  MAX_DESTINATIONS,
  takesSeparateKey,
  type Destination,
  type DestinationInput,
} from '../../contract/schemas/destination.std';
import { readVersionedDocument, type DocumentMigrations } from '../persistence/documentVersions.std';
import { openJsonDocument, type NamingDocumentFileDeps } from '../persistence/jsonDocumentStore.node';
import { SecretBoxError, type SecretBox } from './secretBox.node';

export const DESTINATIONS_VERSION = 1;

// On disk a destination holds its key sealed by the SecretBox (bound to its id), never in clear.
const storedDestinationSchema = z.strictObject({
  id: destinationIdSchema,
  platform: destinationPlatformSchema,
  name: z.string().min(1).max(80),
  serverUrl: z.string().max(2000),
  enabled: z.boolean(),
  sealedKey: z.string().max(4000).nullable(),
});
type StoredDestination = z.infer<typeof storedDestinationSchema>;

const destinationsDocumentSchema = z.strictObject({
  version: z.literal(DESTINATIONS_VERSION),
  destinations: z.array(storedDestinationSchema).max(MAX_DESTINATIONS),
});
type DestinationsDocument = z.infer<typeof destinationsDocumentSchema>;

const destinationsMigrations: DocumentMigrations = {};

export interface DestinationStore {
  /** Every destination, in the merchant's order, without keys. */
  list(): Destination[];
  /** Adds (no id) or changes a destination; see destinationInputSchema for the key's three cases. */
  save(input: DestinationInput): Promise<Destination>;
  /** Removes it with its sealed key; answers what remains. */
  remove(id: string): Promise<Destination[]>;
  /**
   * The full push address with the decrypted key, for the live controller's FFmpeg only: never
   * log it, never send it to a renderer. Refused (RefusedError, a message for the merchant) when
   * the destination is gone, has no key yet, or its key can't be decrypted.
   */
  streamUrl(id: string): Promise<string>;
  /** The decrypted key (a Shopcast room's token) on its own, for the live controller only; same refusals. */
  streamKey(id: string): Promise<string | null>;
}

/** `filePath`: `<dataDir>/destinations.json`. */
export interface DestinationStoreDeps extends NamingDocumentFileDeps {
  secrets: SecretBox;
}

const visible = ({ sealedKey, ...destination }: StoredDestination): Destination => ({ ...destination, hasKey: sealedKey !== null });

/** destinations.json: RTMP(S) destinations with their stream keys sealed, written atomically. */
export async function openDestinationStore(deps: DestinationStoreDeps): Promise<DestinationStore> {
  const { log, secrets } = deps;
  const document = await openJsonDocument<DestinationsDocument>({
    fs: deps.fs,
    filePath: deps.filePath,
    log,
    now: deps.now,
    warn: deps.warn,
    label: 'destinations',
    defaults: { version: DESTINATIONS_VERSION, destinations: [] },
    read: (parsed) => readVersionedDocument(parsed, destinationsMigrations, DESTINATIONS_VERSION, destinationsDocumentSchema, 'destinations'),
    validate: (value) => destinationsDocumentSchema.parse(value),
  });

  const find = (id: string) => document.get().destinations.find((destination) => destination.id === id);

  const keyOf = async (destination: StoredDestination): Promise<string | null> => {
    const label = `${destinationPresets[destination.platform].label} “${destination.name}”`;
    if (destination.sealedKey === null) {
      if (!takesSeparateKey(destination.platform)) return null;
      throw new RefusedError(`${label} has no stream key yet: add it under Destinations.`);
    }
    try {
      return await secrets.decrypt(destination.sealedKey, destination.id);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      log.warn('stream key could not be decrypted', { id: destination.id, reason: error.message });
      throw new RefusedError(`The stream key of ${label} could not be read (${error.message}) Enter it again under Destinations.`);
    }
  };

  return {
    list: () => document.get().destinations.map(visible),

    async save(rawInput) {
      const parsed = destinationInputSchema.safeParse(rawInput);
      // Messages only: a zod error's own text would quote the input, key included.
      if (!parsed.success) throw new RefusedError(parsed.error.issues[0]?.message ?? 'The destination is not valid.');
      const input = parsed.data;
      const existing = input.id === undefined ? undefined : find(input.id);
      if (input.id !== undefined && !existing) throw new RefusedError('This destination was removed (perhaps in another window).');
      if (!existing && document.get().destinations.length >= MAX_DESTINATIONS) {
        throw new RefusedError(`Shopcast keeps up to ${MAX_DESTINATIONS} destinations: remove one first.`);
      }
      const id = existing?.id ?? deps.newId();
      const sealedKey =
        input.streamKey === undefined ? (existing?.sealedKey ?? null) : input.streamKey === null ? null : await secrets.encrypt(input.streamKey, id);
      const saved: StoredDestination = { id, platform: input.platform, name: input.name, serverUrl: input.serverUrl, enabled: input.enabled, sealedKey };
      await document.update((latest) => {
        const index = latest.destinations.findIndex((destination) => destination.id === id);
        if (existing && index < 0) throw new RefusedError('This destination was removed (perhaps in another window).');
        const destinations = index < 0 ? [...latest.destinations, saved] : latest.destinations.with(index, saved);
        return { ...latest, destinations };
      });
      // Which key changed, never what it is.
      log.info(existing ? 'destination changed' : 'destination added', {
        id,
        platform: saved.platform,
        enabled: saved.enabled,
        key: input.streamKey === undefined ? 'kept' : input.streamKey === null ? 'removed' : 'set',
      });
      return visible(saved);
    },

    async remove(id) {
      if (!find(id)) return document.get().destinations.map(visible);
      const next = await document.update((latest) => ({ ...latest, destinations: latest.destinations.filter((destination) => destination.id !== id) }));
      log.info('destination removed', { id });
      return next.destinations.map(visible);
    },

    async streamUrl(id) {
      const destination = find(id);
      if (!destination) throw new RefusedError('That destination no longer exists.');
      return joinPushUrl(destination.serverUrl, await keyOf(destination));
    },
    async streamKey(id) {
      const destination = find(id);
      if (!destination) throw new RefusedError('That destination no longer exists.');
      return keyOf(destination);
    },
  };
}
