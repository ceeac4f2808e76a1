import type { ForkOptions } from 'electron';
import { roomReadyMessageSchema, type RoomReadyMessage, type RoomTakeOverMessage } from '../../contract/roomProcess.std';
import type { RoomChild, RoomExit, RoomLauncher } from '../roomProcess/roomSupervisor.std';

// The app's launcher of its room: the built `npm run room` entry in an Electron utilityProcess
// (the twin of roomChildLauncher for `npm run studio`). The room announces itself over
// `process.parentPort`; what it says is validated here before the supervisor believes it.

const OUTPUT_KEPT = 4096;

/** A forked utilityProcess, as far as the launcher uses it. */
export interface RoomUtilityChild {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: RoomTakeOverMessage): void;
  kill(): boolean;
}

export interface RoomUtilityDeps {
  utilityProcess: { fork(modulePath: string, args?: string[], options?: ForkOptions): RoomUtilityChild };
  /** The built room entry (dist/main/room.node.js). */
  entry: string;
  /** `npm run room`'s arguments but the port (studioRoomOptions). */
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The studio and broadcaster token, given to the room as SHOPCAST_ROOM_TOKEN. */
  token: string;
  /** utilityProcess.kill() is SIGTERM only; a room that does not answer is SIGKILLed by pid. */
  killPid: (pid: number, signal: 'SIGKILL') => void;
  /** Where the room's own log lines go (main's stderr). */
  echo: (chunk: string) => void;
}

export function roomUtilityLauncher(deps: RoomUtilityDeps): RoomLauncher {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(deps.env)) if (value !== undefined) env[name] = value;
  env['SHOPCAST_ROOM_TOKEN'] = deps.token;
  return (port, mode) => {
    const child = deps.utilityProcess.fork(deps.entry, ['--port', String(port), ...deps.args, ...(mode === 'standby' ? ['--standby'] : [])], { env, stdio: 'pipe', serviceName: mode === 'standby' ? 'Shopcast live room (standby)' : 'Shopcast live room' });
    let output = '';
    let ended = false;
    // Piped streams must be read, or a chatty room would block on a full pipe.
    child.stdout?.on('data', () => undefined);
    child.stderr?.on('data', (chunk: Buffer | string) => {
      const text = chunk.toString();
      output = (output + text).slice(-OUTPUT_KEPT);
      deps.echo(text);
    });
    const ready = new Promise<RoomReadyMessage>((resolve) => {
      child.on('message', (message) => {
        const parsed = roomReadyMessageSchema.safeParse(message);
        if (parsed.success) resolve(parsed.data);
      });
    });
    const pid = child.pid;
    const exited = new Promise<RoomExit>((resolve) => {
      child.on('exit', (code) => {
        ended = true;
        resolve({ code, signal: null, output });
      });
    });
    const room: RoomChild = {
      ready,
      exited,
      get pid() {
        return child.pid ?? pid;
      },
      kill(signal) {
        if (ended) return;
        const running = child.pid;
        if (signal === 'SIGKILL' && running !== undefined) deps.killPid(running, 'SIGKILL');
        else child.kill();
      },
      takeOver() {
        if (!ended) child.postMessage({ type: 'room-take-over' });
      },
    };
    return room;
  };
}
