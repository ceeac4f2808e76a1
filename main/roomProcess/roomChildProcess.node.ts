import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { roomReadyMessageSchema, type RoomReadyMessage, type RoomTakeOverMessage } from '../../contract/roomProcess.std';
import type { RoomChild, RoomExit, RoomLauncher } from './roomSupervisor.std';

// `npm run studio`'s launcher of its room: the built `npm run room` entry in a child process of
// plain Node, its ready message over the IPC channel Node gives a child with 'ipc' in its stdio.

const OUTPUT_KEPT = 4096;

export interface RoomProcessArgs {
  /** The built room entry (dist/main/room.node.js). */
  entry: string;
  /** `npm run room`'s arguments but the port: --host, --data-dir, --room, --public-url, --trust-proxy. */
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  execPath: string;
  /** Where the room's own log lines go as they come (the studio's stderr); kept only for the exit report without it. */
  echo?: (chunk: string) => void;
}

export function roomChildLauncher(options: RoomProcessArgs): RoomLauncher {
  return (port, mode) => {
    const child = spawn(options.execPath, [options.entry, '--port', String(port), ...options.args, ...(mode === 'standby' ? ['--standby'] : [])], { env: options.env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      options.echo?.(text);
      output = (output + text).slice(-OUTPUT_KEPT);
    });
    const ready = new Promise<RoomReadyMessage>((resolve) => {
      child.on('message', (message: unknown) => {
        const parsed = roomReadyMessageSchema.safeParse(message);
        if (parsed.success) resolve(parsed.data);
      });
    });
    const exited: Promise<RoomExit> = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as string | null, output }));
    child.on('error', () => undefined);
    const room: RoomChild = {
      ready,
      exited,
      pid: child.pid,
      kill: (signal) => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      },
      takeOver: () => {
        const message: RoomTakeOverMessage = { type: 'room-take-over' };
        if (child.connected) child.send(message);
      },
    };
    return room;
  };
}

/** Whether a room server's HTTP side answers within `timeoutMs` (its `/healthz`). */
export async function roomAnswers(baseUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
