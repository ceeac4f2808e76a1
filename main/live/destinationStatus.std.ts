import type { LiveDestination } from '../../contract/schemas/live.std';
import type { SupervisedDetail, SupervisedState } from '../ffmpeg/supervisor.std';

// One destination's status as its supervisor reports it, made honest for the merchant (issue 13):
// `running` only while its copy goes out, its bitrate only for the run that is going, and why it
// is down in plain words from the moment it fails until it runs again (a restart attempt in
// between does not make it any less down).

/** Why a destination is down, in a shopkeeper's words, from what its run or start said. */
export function downReason(kind: LiveDestination['kind'], why: string, host: string): string {
  // rtmpReach.node.ts words its own refusals already.
  if (/^can't (reach|find) /.test(why)) return why;
  if (kind === 'recording') return `the recording stopped (${why})`;
  if (kind === 'room') return 'the live room stopped taking the stream';
  if (/could not keep up/.test(why)) return `${host} is not taking the stream fast enough`;
  if (/Failed to resolve|Name or service not known|Temporary failure in name resolution/i.test(why)) return `can't find ${host}`;
  if (/Connection refused|Network is unreachable|No route to host|timed out|no stream went out/i.test(why)) return `can't reach ${host}`;
  if (/already publishing|BadName/i.test(why)) return `${host} is already receiving a stream with this key`;
  return `lost the connection to ${host}`;
}

export function nextDestinationStatus(status: LiveDestination, state: SupervisedState, detail: SupervisedDetail, host: string): LiveDestination {
  const reason = state === 'running' || state === 'stopped' ? null : detail.why !== null ? downReason(status.kind, detail.why, host) : status.reason;
  return {
    ...status,
    state,
    message: detail.message,
    retryInMs: detail.retryInMs,
    restarts: detail.restarts,
    reason,
    bitrateKbps: state === 'running' ? status.bitrateKbps : null,
  };
}
