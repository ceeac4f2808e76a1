import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openViewers, send } from './benchViewers.node';

// A sale's chat as load, from a process of its own so it never shares a loop with what it loads:
// `bench.node.js chat-load <port> <viewers> <comments per second>` opens the viewers' sockets
// (each behind its own forwarded address, each within its own 1 comment/s), then comments at a
// steady rate between `start` and `stop`, and reports what the room accepted.

type ToLoad = { type: 'start' } | { type: 'stop' };
type FromLoad = { type: 'ready' } | ({ type: 'done' } & ChatLoadResult);

export interface ChatLoadResult {
  sent: number;
  accepted: number;
  refused: number;
  seconds: number;
}

export interface ChatLoad {
  pid: number;
  start(): void;
  stop(): Promise<ChatLoadResult>;
}

export async function startChatLoad(options: { benchEntry: string; port: number; viewers: number; commentsPerSecond: number }): Promise<ChatLoad> {
  const child: ChildProcess = fork(options.benchEntry, ['chat-load', String(options.port), String(options.viewers), String(options.commentsPerSecond)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const messages: FromLoad[] = [];
  const waiters = new Set<() => void>();
  child.on('message', (message: FromLoad) => {
    messages.push(message);
    for (const waiter of [...waiters]) waiter();
  });
  const next = <T extends FromLoad['type']>(type: T) =>
    new Promise<Extract<FromLoad, { type: T }>>((resolve, reject) => {
      const check = () => {
        const found = messages.find((message) => message.type === type);
        if (!found) return;
        waiters.delete(check);
        resolve(found as Extract<FromLoad, { type: T }>);
      };
      waiters.add(check);
      child.once('exit', (code) => reject(new Error(`the chat load exited (${String(code)})`)));
      check();
    });
  await next('ready');
  const tell = (message: ToLoad) => child.send(message);
  return {
    pid: child.pid ?? 0,
    start: () => tell({ type: 'start' }),
    async stop() {
      tell({ type: 'stop' });
      const { type: _type, ...result } = await next('done');
      child.kill();
      await once(child, 'exit');
      return result;
    },
  };
}

/** The child's side. */
export async function runChatLoad(args: readonly string[]): Promise<void> {
  const [port = '0', viewerCount = '0', rate = '0'] = args.map(String);
  const viewers = await openViewers([Number(port)], Number(viewerCount));
  const report = (message: FromLoad) => process.send?.(message);
  let stopping = false;
  process.on('message', (message: ToLoad) => {
    if (message.type === 'stop') stopping = true;
    if (message.type !== 'start') return;
    void (async () => {
      const tickMs = 20;
      const perTick = Math.max(1, Math.round((Number(rate) * tickMs) / 1000));
      let sent = 0;
      let accepted = 0;
      let refused = 0;
      const acked: Promise<void>[] = [];
      const started = performance.now();
      for (let tick = 0; !stopping; tick += 1) {
        const due = started + tick * tickMs;
        if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
        for (let i = 0; i < perTick; i += 1) {
          const viewer = viewers[sent % viewers.length];
          if (!viewer) break;
          sent += 1;
          acked.push(
            send(viewer, { type: 'comment', clientId: `chat-load-${sent}`, name: `Viewer ${sent % viewers.length}`, text: `Is the teapot still in stock? #${sent}` }).then((ack) => {
              if (ack.ok) accepted += 1;
              else refused += 1;
            }),
          );
        }
      }
      const seconds = (performance.now() - started) / 1000;
      await Promise.race([Promise.all(acked), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      report({ type: 'done', sent, accepted, refused, seconds });
    })();
  });
  process.once('disconnect', () => process.exit(0));
  report({ type: 'ready' });
}
