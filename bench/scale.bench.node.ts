import WebSocket from 'ws';
import { startBenchNodes } from './benchNodes.node';
import { benchCommentLatency, openBenchStudio, until } from './benchStudio.node';
import { openViewer, openViewers, type Viewer } from './benchViewers.node';
import { measureHelloStall } from './helloStall.node';
import { offerComments, runFlashSale } from './showLoad.node';
import { percentile, round } from './stats.std';

// `npm run bench -- scale`: issue 14's capacity figures. One room served by `nodes` room
// processes (cluster mode: one PostgreSQL, one JetStream; or one node on SQLite, today's room),
// everything — nodes, engines, this load generator — on the same machine. 10,000 viewer sockets
// split between the nodes comment into the room; the studio sits on node A, a second studio
// socket (a moderator's) on node B, and a few watching viewers on B parse what they get. Then
// hellos with `resumeFrom: 0` on a long log, from sockets that never read, against node A while a
// probe times its loop; then a flash sale with orders from every node at once.

export interface ScaleBenchOptions {
  seconds: number;
  nodes: number;
  cluster: boolean;
  viewers: number;
  commentsPerSecond: number;
  flashOrders: number;
  flashStock: number;
  entry: string;
  /** The built bench entry, which runs the loop probe. */
  benchEntry: string;
}

const token = 'bench-room-token-0123456789';
/** Viewers on the last node that parse their frames: the cross-node view of a viewer. */
const WATCHERS = 20;

const sortedOf = (values: readonly number[]) => [...values].sort((a, b) => a - b);

export async function benchScale(options: ScaleBenchOptions, print: (figures: object) => void): Promise<void> {
  const cluster = await startBenchNodes({ count: options.nodes, cluster: options.cluster, entry: options.entry, token });
  try {
    const ports = cluster.nodes.map((node) => node.room.port);
    const nodeOfViewer = (index: number) => index % ports.length;
    const far = ports.length - 1;
    const farPort = ports[far] as number;
    // A comment's id is `c<n>`, sent by viewer n % viewers: its node is known from its id.
    const sentFromNearNode = (id: string) => nodeOfViewer(Number(id.slice(1)) % options.viewers) === 0;

    const studio = await openBenchStudio(ports[0] as number, token);
    const farStudio = far > 0 ? await openBenchStudio(farPort, token, sentFromNearNode) : null;
    const watcherLatencies: number[] = [];
    const watchers: Viewer[] = await Promise.all(
      Array.from({ length: WATCHERS }, (_, n) =>
        openViewer(farPort, options.viewers + n, (frame, at) => {
          for (const event of frame.events) {
            const latency = event.kind === 'comment' && event.comment ? benchCommentLatency(event.comment.text, at) : null;
            if (latency && sentFromNearNode(latency.id)) watcherLatencies.push(latency.ms);
          }
        }),
      ),
    );
    const openStarted = performance.now();
    const viewers = await openViewers(ports, options.viewers);
    const openSeconds = (performance.now() - openStarted) / 1000;

    const cpuBefore = await cluster.cpuSeconds();
    const commitsBefore = await cluster.pgCommits();
    const comments = await offerComments(viewers, options.commentsPerSecond, options.seconds);
    await until(() => studio.delivered.size >= comments.accepted && (farStudio === null || farStudio.delivered.size >= comments.accepted), 10_000);
    const elapsed = (performance.now() - comments.startedMs) / 1000;
    // On stderr as it happens: a run that fails later still says how the comment phase went.
    console.error(`scale: ${comments.accepted} comments accepted; the studio got ${studio.delivered.size}, the far studio ${farStudio?.delivered.size ?? '-'}, in ${round(elapsed, 1)} s`);
    const cpuAfter = await cluster.cpuSeconds();
    const commitsAfter = await cluster.pgCommits();
    const pgCommitsPerSec = commitsBefore === null || commitsAfter === null ? null : (commitsAfter - commitsBefore) / elapsed;
    const nodeCores = cpuAfter.nodes.map((seconds, index) => (seconds - (cpuBefore.nodes[index] ?? 0)) / elapsed);
    const open = viewers.filter((viewer) => viewer.ws.readyState === WebSocket.OPEN);
    const socketsPerNode = ports.map((_, index) => open.filter((viewer) => viewer.port === ports[index]).length);
    const deliveries = sortedOf(studio.deliveries);
    // A studio sees every comment on a 25 ms tick: the far studio's latencies of comments sent at node A are the cross-node hop.
    const crossNodeFromNear = sortedOf(farStudio?.deliveries ?? []);
    const watcherSorted = sortedOf(watcherLatencies);
    const commentsPerSec = studio.delivered.size / elapsed;
    const meanNodeCores = nodeCores.reduce((sum, cores) => sum + cores, 0) / nodeCores.length;

    const stall = await measureHelloStall({ benchEntry: options.benchEntry, port: ports[0] as number, token, viewerHellos: 100, studioHellos: 20, spacingMs: 25, baselineMs: 3000 });

    const sale = await runFlashSale(studio, viewers, options.flashOrders, options.flashStock, async () => {
      // Orders at node B wait until B has the promotion, as a viewer's Buy button would.
      if (farStudio && !(await until(() => farStudio.kinds.has('promotion'), 10_000))) throw new Error('The promotion never reached the far node.');
    });
    const rssMbPerNode = await cluster.rssMb();

    const crossNodeP99Ms = round(percentile(crossNodeFromNear, 99), 1);
    const figures = {
      benchmark: 'scale',
      nodes: options.nodes,
      cluster: options.cluster,
      seconds: round(elapsed, 1),
      viewerSockets: open.length,
      viewerSocketsPerNode: socketsPerNode,
      viewerSocketsOpenedPerSec: round(options.viewers / openSeconds, 0),
      commentsSent: comments.sent,
      commentsAccepted: comments.accepted,
      commentsRefused: comments.refused,
      commentsPerSec: round(commentsPerSec, 0),
      commentsLost: comments.accepted - studio.delivered.size,
      deliveryP50Ms: round(percentile(deliveries, 50), 1),
      deliveryP99Ms: round(percentile(deliveries, 99), 1),
      crossNodeP50Ms: round(percentile(crossNodeFromNear, 50), 1),
      crossNodeP99Ms,
      crossNodeCommentsLost: farStudio ? comments.accepted - farStudio.delivered.size : null,
      // A viewer's frames go out on the viewer tick (500 ms, in groups), a 20/s sample of comments: its latency is that tick's, plus the hop.
      watcherCommentsSeen: watcherLatencies.length,
      watcherP50Ms: round(percentile(watcherSorted, 50), 1),
      watcherP99Ms: round(percentile(watcherSorted, 99), 1),
      ...stall,
      ...sale,
      cpuCoresPerNode: nodeCores.map((cores) => round(cores, 2)),
      // The room's writes serialise on its row lock, one transaction per batch: events per commit is the batch size it reached.
      pgCommitsPerSec: round(pgCommitsPerSec, 0),
      eventsPerPgCommit: pgCommitsPerSec ? round(studio.delivered.size / elapsed / pgCommitsPerSec, 1) : null,
      enginesCpuCores: round((cpuAfter.engines - cpuBefore.engines) / elapsed, 2),
      rssMbPerNode: rssMbPerNode.map((mb) => round(mb, 0)),
      // Per core of a node, for docs/SCALE.md's model: what one node did, divided by the CPU it used.
      perCore: {
        viewerSockets: round(open.length / options.nodes / meanNodeCores, 0),
        commentsPerSec: round(commentsPerSec / meanNodeCores, 0),
        cpuCoresPer1000CommentsPerSec: round(meanNodeCores / (commentsPerSec / 1000), 3),
      },
    };
    print(figures);
    print({
      benchmark: 'scale',
      goals: {
        commentsPerSec: { goal: '>= 5000', met: commentsPerSec >= 5000 },
        deliveryP99Ms: { goal: '<= 200', met: (figures.deliveryP99Ms ?? Infinity) <= 200 },
        crossNodeP99Ms: { goal: '<= 250 (a comment at node A → node B)', met: crossNodeP99Ms === null ? null : crossNodeP99Ms <= 250 },
        flashSaleOversold: { goal: '0', met: sale.flashSaleOversold === 0 },
        orderP99Ms: { goal: '<= 150', met: (sale.orderP99Ms ?? Infinity) <= 150 },
        replayHelloMaxStallMs: { goal: '<= 20', met: (stall.replayHelloMaxStallMs ?? Infinity) <= 20 },
      },
    });
    for (const viewer of [...viewers, ...watchers]) viewer.ws.terminate();
    studio.ws.terminate();
    farStudio?.ws.terminate();
  } finally {
    await cluster.stop();
  }
}
