import { z } from 'zod';
import { embeddedRoomSchema } from './roomProcess.std';

// In the Electron app the core runs in a utilityProcess of its own (main/appCore.node.ts). What
// Electron's main process and that process say to each other over `process.parentPort` is
// declared here and validated where it arrives: main trusts the core process no more than the
// core trusts main. Contract calls and media frames never pass here: they go over the
// MessagePorts main hands over (`port` below), straight between the window and the core.

/** The pairs main hands over: the contract's frames, and one media sender's frames (the video worker's, the audio engine's). */
export const corePortKindSchema = z.enum(['api', 'media']);
export type CorePortKind = z.infer<typeof corePortKindSchema>;

/** What the core process asks main to do, because only main has Electron's `shell`. */
export const shellAskSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('open-external'), url: z.string().max(4096) }),
  z.strictObject({ kind: z.literal('reveal-folder'), folder: z.string().min(1).max(4096) }),
]);
export type ShellAsk = z.infer<typeof shellAskSchema>;

/** What main asks the core process: a replay's file for app://studio/replay-media/… (the library's own check decides). */
export const mediaFileAskSchema = z.strictObject({ kind: z.literal('media-file'), showId: z.string().max(200), file: z.string().max(1000) });
export type MediaFileAsk = z.infer<typeof mediaFileAskSchema>;

export const mediaFileAnswerSchema = z.strictObject({ path: z.string().min(1), contentType: z.string().min(1), sizeBytes: z.number().int().nonnegative() });
export type MediaFileAnswer = z.infer<typeof mediaFileAnswerSchema>;

/** What main asks the core process: the orders' CSV for app://studio/orders.csv (answered as its text). */
export const ordersCsvAskSchema = z.strictObject({ kind: z.literal('orders-csv') });
export const coreAskSchema = z.discriminatedUnion('kind', [mediaFileAskSchema, ordersCsvAskSchema]);
export type CoreAsk = z.infer<typeof coreAskSchema>;

const askId = z.number().int().nonnegative();

/** The answer to an ask, either way: a value, or why not in one sentence. */
export const answerMessageSchema = z.union([
  z.strictObject({ type: z.literal('answer'), id: askId, ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ type: z.literal('answer'), id: askId, ok: z.literal(false), message: z.string() }),
]);
export type AnswerMessage = z.infer<typeof answerMessageSchema>;

/** main → core process. A `port` message carries the core's end of a MessageChannelMain in its ports. */
export const mainToCoreMessageSchema = z.union([
  z.strictObject({
    type: z.literal('init'),
    dataDir: z.string().min(1),
    /** The built renderer, served to staff consoles. */
    rendererDir: z.string().min(1),
    packaged: z.boolean(),
    /** The embedded room as main's supervisor sees it now; `room` messages follow each change. */
    room: embeddedRoomSchema,
  }),
  z.strictObject({ type: z.literal('room'), room: embeddedRoomSchema }),
  z.strictObject({ type: z.literal('port'), kind: corePortKindSchema, windowId: z.number().int() }),
  z.strictObject({ type: z.literal('ask'), id: askId, ask: coreAskSchema }),
  answerMessageSchema,
]);
export type MainToCoreMessage = z.infer<typeof mainToCoreMessageSchema>;

/** core process → main. */
export const coreToMainMessageSchema = z.union([
  /** The core is created and serves the ports it was (or will be) handed. */
  z.strictObject({ type: z.literal('core-ready') }),
  z.strictObject({ type: z.literal('ask'), id: askId, ask: shellAskSchema }),
  answerMessageSchema,
]);
export type CoreToMainMessage = z.infer<typeof coreToMainMessageSchema>;

/** What main tells the window when the core process ended (IPC_CORE_STOPPED). */
export const coreStoppedSchema = z.strictObject({
  /** The process's exit code; null when it never started. */
  code: z.number().int().nullable(),
  /** One sentence for the merchant. */
  message: z.string(),
});
export type CoreStopped = z.infer<typeof coreStoppedSchema>;
