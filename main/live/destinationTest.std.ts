import type { PreflightCheck } from '../../contract/schemas/preflight.std';

// What the pre-flight's test publish to one RTMP(S) destination (ffmpegArgs.std.ts
// buildRtmpTestArgs) found, as the row a shopkeeper reads: "Douyin: ready", "Douyin refused the
// stream key", "Douyin: can't reach live-push.example.com". FFmpeg only ever says it in its own
// words on stderr; the lines it prints for each case were read from FFmpeg 5.1 against a closed
// port, an unknown host, nginx-rtmp refusing a publish (on_publish 403, no such application, a
// stream name already publishing), a server closing on connect, and RTMPS to a plain server
// (destinationTest.test.ts quotes them).

/** DNS, TCP, the RTMP handshake and a second of publishing, with room for a slow far-away server. */
export const RTMP_TEST_TIMEOUT_MS = 8000;

/** How one test publish ended. */
export interface RtmpTestRun {
  /** FFmpeg's exit code; null when it was killed (timed out) or never started. */
  code: number | null;
  /** Killed at the time limit: nothing said no, but nothing answered in time either. */
  timedOut: boolean;
  stderr: string;
  /** Why FFmpeg could not be started at all (ENOENT…); null when it ran. */
  spawnError: string | null;
}

export type RtmpTestOutcome = 'ready' | 'unresolved' | 'unreachable' | 'secure-connection' | 'refused' | 'busy' | 'not-tested';

/** The server's name as the merchant typed it, without port, path or key. */
export function serverHostOf(url: string): string {
  try {
    return new URL(url).hostname || 'the server';
  } catch {
    return 'the server';
  }
}

/** The path of an RTMP(S) address holds the stream key: never in a row, a detail or a log. */
function redactUrls(text: string): string {
  return text.replace(/(rtmp[st]?e?:\/\/[^/\s'"()]+)\/[^\s'"()]*?(:?)(?=[\s'"()]|$)/gim, '$1/***$2').replace(/((?:tcp|tls):\/\/[^/\s?]+)\?\S*/gi, '$1');
}

/** The lines of FFmpeg's stderr that say what happened to the connection: errors, and whether TCP connected. */
function relevantLines(stderr: string): string[] {
  const tidy = (line: string) => redactUrls(line.replace(/\s+$/, '')).replace(/ @ 0x[0-9a-f]+/gi, '');
  const lines = stderr.split(/\r?\n/);
  const said = lines.filter((line) => /\[(error|fatal)\]|Successfully connected|Server error|Failed to resolve/.test(line) && !/Failed to update header/.test(line));
  // Killed while connecting, FFmpeg said only that it was trying: that line, then, is the story.
  const trying = lines.filter((line) => /Starting connection attempt/.test(line));
  return (said.length > 0 ? said : trying).map(tidy).slice(-6);
}

export function classifyRtmpTest(run: RtmpTestRun): RtmpTestOutcome {
  if (run.spawnError !== null) return 'not-tested';
  if (!run.timedOut && run.code === 0) return 'ready';
  const text = run.stderr;
  if (/Failed to resolve hostname|Name or service not known|Temporary failure in name resolution|No address associated/i.test(text)) return 'unresolved';
  if (/Server error:.*already publishing|NetStream\.Publish\.BadName/i.test(text)) return 'busy';
  const connected = /Successfully connected to/.test(text);
  if (!connected) return 'unreachable';
  // TCP connected, then the TLS layer failed: RTMPS to a plain RTMP port, or the reverse.
  if (/\[tls\b|Cannot open connection tls:|SSL|certificate/i.test(text)) return 'secure-connection';
  // Connected, and nothing came back before the time limit, or no RTMP handshake (a port that is
  // not an RTMP server's): for the merchant, the server was not reached.
  if (run.timedOut || /Cannot read RTMP handshake response/.test(text)) return 'unreachable';
  // Connected, then the server said no ("Server error: …") or closed the door: nginx-rtmp and
  // the platforms close the connection on a stream key or application they don't accept.
  return 'refused';
}

/** Where the merchant finds the right address and key again, per platform wording kept generic. */
const copyAgain = (name: string) =>
  `Copy the server URL and stream key again from ${name}'s live console (many platforms give new ones for every live), save them in Destinations, then press Check again.`;

/** The pre-flight row for one RTMP(S) destination's test publish. */
export function rtmpTestCheck(destination: { id: string; name: string; url: string }, run: RtmpTestRun, timeoutMs: number): PreflightCheck {
  const { name } = destination;
  const host = serverHostOf(destination.url);
  const id = `destination-${destination.id}`;
  const lines = relevantLines(run.stderr);
  const said = lines.length > 0 ? `FFmpeg said: ${lines.join(' | ')}` : '';
  const details = (text: string) => [text, said].filter((part) => part !== '').join(' ');
  const outcome = classifyRtmpTest(run);
  switch (outcome) {
    case 'ready':
      return { id, ok: true, message: `${name}: ready`, details: `A one-second test stream to ${host} was accepted.` };
    case 'unresolved':
      return {
        id,
        ok: false,
        message: `${name}: can't find ${host}`,
        fix: `Check the server URL in Destinations for a typo, and that this computer is online.`,
        details: details(`The name ${host} could not be looked up.`),
      };
    case 'unreachable':
      return {
        id,
        ok: false,
        message: `${name}: can't reach ${host}`,
        fix: `Check that this computer is online and the server URL in Destinations is right (including any :port). A company or hotel network may block live streaming: try another connection.`,
        details: details(run.timedOut ? `No answer within ${Math.round(timeoutMs / 1000)} s.` : `The connection to ${host} was refused or failed.`),
      };
    case 'secure-connection':
      return {
        id,
        ok: false,
        message: `${name}: secure connection to ${host} failed`,
        fix: `Check whether the server URL should start with rtmp:// or rtmps:// (and its port): copy it again from ${name}.`,
        details: details('The TLS (rtmps) handshake failed.'),
      };
    case 'busy':
      return {
        id,
        ok: false,
        message: `${name} is already receiving a stream with this key`,
        fix: `Stop the other app streaming to ${name} (OBS, 直播伴侣, another Shopcast), or wait a minute, then press Check again.`,
        details: details(''),
      };
    case 'refused':
      return { id, ok: false, message: `${name} refused the stream key`, fix: copyAgain(name), details: details(`${host} accepted the connection, then closed it when the stream was published.`) };
    case 'not-tested':
      return { id, ok: false, message: `${name}: not tested`, fix: 'Shopcast could not start FFmpeg to test it: see the video encoder row.', details: run.spawnError ?? '' };
  }
}
