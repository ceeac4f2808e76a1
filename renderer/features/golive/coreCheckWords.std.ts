import type { PreflightCheck } from '../../../contract/schemas/preflight.std';
import type { StudioKey } from '../../app/i18n/messages.en.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

// The core's pre-flight rows in the merchant's language. The contract gives each row a stable
// `id` (program, room, destinations, destination-<id>, upload, ffmpeg, disk, words…) but its
// figures and names only inside the English sentence, so each row is read by its id against the
// core's wording (main/live/preflight.std.ts, destinationTest.std.ts, uplinkCheck.std.ts) and said
// again with the same parameters. A sentence this does not know (a new or reworded one, a
// flagged-word row, a free-text reason from the room) stays as the core wrote it; `details` are
// for whoever helps the merchant (FFmpeg's words) and stay English. testing/coreCheckWords.test.ts
// runs the core's real rows through this, so a rewording there fails a test here.

interface Rule {
  /** Which rows: the check's id, or the start of it for one row per destination. */
  id: string;
  pattern: RegExp;
  key: StudioKey;
}

const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const destination = 'destination-';

const messageRules: readonly Rule[] = [
  { id: 'program', pattern: exact('No picture yet'), key: 'core.program.none' },
  { id: 'program', pattern: /^Picture too slow: (?<fps>\d+) of (?<target>\d+) frames a second$/, key: 'core.program.slow' },
  { id: 'program', pattern: /^Picture a little uneven: (?<fps>\d+) of (?<target>\d+) frames a second$/, key: 'core.program.uneven' },
  { id: 'program', pattern: /^Picture smooth \((?<fps>\d+) frames a second\)$/, key: 'core.program.smooth' },
  { id: 'room', pattern: exact('Your live room: off'), key: 'core.room.off' },
  { id: 'room', pattern: exact('Your live room is not running'), key: 'core.room.notRunning' },
  { id: 'room', pattern: exact('Your live room: viewers will not see the picture'), key: 'core.room.noVideo' },
  { id: 'room', pattern: exact('Your live room: ready'), key: 'core.room.ready' },
  { id: 'destinations', pattern: exact('Nowhere to send the show'), key: 'core.destinations.none' },
  { id: destination, pattern: /^(?<name>.+): stream key missing$/, key: 'core.dest.keyMissing' },
  { id: destination, pattern: /^(?<name>.+): on air now$/, key: 'core.dest.onAir' },
  { id: destination, pattern: /^(?<name>.+): not tested$/, key: 'core.dest.notTested' },
  { id: destination, pattern: /^(?<name>.+): ready$/, key: 'core.dest.ready' },
  { id: destination, pattern: /^(?<name>.+): can't find (?<host>\S+)$/, key: 'core.dest.unresolved' },
  { id: destination, pattern: /^(?<name>.+): can't reach (?<host>\S+)$/, key: 'core.dest.unreachable' },
  { id: destination, pattern: /^(?<name>.+): secure connection to (?<host>\S+) failed$/, key: 'core.dest.tls' },
  { id: destination, pattern: /^(?<name>.+) is already receiving a stream with this key$/, key: 'core.dest.busy' },
  { id: destination, pattern: /^(?<name>.+) refused the stream key$/, key: 'core.dest.refused' },
  { id: 'upload', pattern: /^Upload needed: (?<need>[\d.]+) Mb\/s for (?<count>\d+) destinations?$/, key: 'core.upload.needed' },
  { id: 'upload', pattern: /^Upload: (?<have>[\d.]+) Mb\/s, not enough for (?<count>\d+) destinations? \(they need (?<need>[\d.]+) Mb\/s\)$/, key: 'core.upload.short' },
  { id: 'upload', pattern: /^Upload: (?<have>[\d.]+) Mb\/s, enough for (?<count>\d+) destinations?$/, key: 'core.upload.enough' },
  { id: 'ffmpeg', pattern: exact('Video encoder ready'), key: 'core.ffmpeg.ready' },
  { id: 'ffmpeg', pattern: exact('Video encoder missing'), key: 'core.ffmpeg.missing' },
  { id: 'ffmpeg', pattern: exact('Video encoder does not start'), key: 'core.ffmpeg.broken' },
  { id: 'ffmpeg', pattern: exact('Video encoder cannot make H.264'), key: 'core.ffmpeg.noH264' },
  { id: 'disk', pattern: /^Recording: about (?<hours>\d+) hours? fit on this disk$/, key: 'core.disk.hours' },
  { id: 'disk', pattern: /^Recording: only about (?<minutes>\d+) minutes? fit on this disk$/, key: 'core.disk.minutes' },
  { id: 'words', pattern: exact('Overlays and product names: no flagged words'), key: 'core.words.none' },
  { id: 'words-more', pattern: /^(?<count>\d+) more text\(s\) have flagged words: check the other overlays and product names too\.$/, key: 'core.words.more' },
];

const fixRules: readonly Rule[] = [
  { id: 'program', pattern: exact('Add a camera, screen or image to the scene, and keep this Shopcast window open.'), key: 'core.program.noneFix' },
  { id: 'program', pattern: /^Viewers would see it stutter\. /, key: 'core.program.slowFix' },
  { id: 'program', pattern: /^It may stutter when the computer gets busier: /, key: 'core.program.unevenFix' },
  { id: 'room', pattern: exact('Restart Shopcast.'), key: 'core.room.restart' },
  { id: 'room', pattern: exact('Viewers can comment and order, but the video does not reach them.'), key: 'core.room.noVideoFix' },
  { id: 'destinations', pattern: exact('Add a destination or switch on your live room (Destinations, next to Go Live).'), key: 'core.destinations.noneFix' },
  { id: destination, pattern: exact('Enter the stream key again in Destinations.'), key: 'core.dest.keyMissingFix' },
  { id: destination, pattern: exact('The test needs a working video encoder with libx264: see the video encoder row.'), key: 'core.dest.notTestedFix' },
  { id: destination, pattern: exact('Shopcast could not start FFmpeg to test it: see the video encoder row.'), key: 'core.dest.noFfmpegFix' },
  { id: destination, pattern: exact('Check the server URL in Destinations for a typo, and that this computer is online.'), key: 'core.dest.unresolvedFix' },
  { id: destination, pattern: /^Check that this computer is online and the server URL in Destinations is right /, key: 'core.dest.unreachableFix' },
  { id: destination, pattern: /^Check whether the server URL should start with rtmp:\/\/ or rtmps:\/\/ \(and its port\): copy it again from (?<name>.+)\.$/, key: 'core.dest.tlsFix' },
  { id: destination, pattern: /^Stop the other app streaming to (?<name>.+) \(OBS, 直播伴侣, another Shopcast\), or wait a minute, then press Check again\.$/, key: 'core.dest.busyFix' },
  { id: destination, pattern: /^Copy the server URL and stream key again from (?<name>.+)'s live console /, key: 'core.dest.refusedFix' },
  { id: 'upload', pattern: /^Make sure your connection's upload is comfortably above that/, key: 'core.upload.neededFix' },
  { id: 'upload', pattern: exact('The stream will stutter. Lower the output to 720p, or turn off a destination.'), key: 'core.upload.shortFix' },
  { id: 'disk', pattern: exact('Free some space before a long show, or the recording stops when the disk is full.'), key: 'core.disk.minutesFix' },
];

const detailRules: readonly Rule[] = [{ id: 'room', pattern: exact('Switched off in Destinations: viewers who open your page will not see this show.'), key: 'core.room.offDetails' }];

const appliesTo = (rule: Rule, id: string) => (rule.id === destination ? id.startsWith(destination) : rule.id === id);

/** The sentence again in the merchant's language, with the numbers and names it carried; unknown sentences unchanged. */
function say(rules: readonly Rule[], id: string, text: string, { t }: StudioTranslator): string {
  for (const rule of rules) {
    if (!appliesTo(rule, id)) continue;
    const match = rule.pattern.exec(text);
    if (!match) continue;
    const values = Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, value]) => [name, /^\d+$/.test(value) ? Number(value) : value]));
    return t(rule.key, values);
  }
  return text;
}

/** A row of the core's report in the merchant's language. */
export function coreCheckWords(check: PreflightCheck, translator: StudioTranslator): PreflightCheck {
  return {
    ...check,
    message: say(messageRules, check.id, check.message, translator),
    ...(check.fix === undefined ? {} : { fix: say(fixRules, check.id, check.fix, translator) }),
    ...(check.details === undefined ? {} : { details: say(detailRules, check.id, check.details, translator) }),
  };
}
