import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { spawnRoom } from '../testing/spawnRoom.node';
import { openBenchStudio, until } from './benchStudio.node';
import { openViewers } from './benchViewers.node';
import { processCpuSeconds } from './processCpu.node';
import { processRssMb } from './processMemory.node';
import { offerComments, runFlashSale } from './showLoad.node';
import { percentile, round } from './stats.std';

// `npm run bench -- room`: the built room server in its own process, driven from this one over
// loopback as a busy show would: 10,000 viewer sockets held open (each behind its own address, as
// a trusted proxy forwards them), 6,000 comments a second from them into one studio socket, then a
// flash sale of 5,000 simultaneous orders for 100 units. The room process's CPU and memory are
// read from /proc; delivery and order latencies are measured here, on one clock.

export interface RoomBenchOptions {
  seconds: number;
  viewers: number;
  commentsPerSecond: number;
  flashOrders: number;
  flashStock: number;
  entry: string;
}

const token = 'bench-room-token-0123456789';

export async function benchRoom(options: RoomBenchOptions, print: (figures: object) => void): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-bench-room-'));
  const room = await spawnRoom(options.entry, { dataDir, port: 0, token, args: ['--trust-proxy', '127.0.0.1'] });
  const pid = room.process.pid ?? 0;
  let peakRssMb = 0;
  const rssTimer = setInterval(() => {
    void processRssMb(pid).then(({ rss }) => (peakRssMb = Math.max(peakRssMb, rss)), () => {});
  }, 250);
  try {
    const studio = await openBenchStudio(room.port, token);
    const openStarted = performance.now();
    const viewers = await openViewers([room.port], options.viewers);
    const openSeconds = (performance.now() - openStarted) / 1000;

    const cpuBefore = await processCpuSeconds(pid);
    const comments = await offerComments(viewers, options.commentsPerSecond, options.seconds);
    await until(() => studio.delivered.size >= comments.accepted, 10_000);
    const elapsed = (performance.now() - comments.startedMs) / 1000;
    const cpuCores = ((await processCpuSeconds(pid)) - cpuBefore) / elapsed;
    const sortedDeliveries = [...studio.deliveries].sort((a, b) => a - b);
    const viewersStillOpen = viewers.filter((viewer) => viewer.ws.readyState === WebSocket.OPEN).length;

    const sale = await runFlashSale(studio, viewers, options.flashOrders, options.flashStock);
    const memory = await processRssMb(pid);

    print({
      benchmark: 'room',
      seconds: round(elapsed, 1),
      viewerSockets: viewersStillOpen,
      viewerSocketsOpenedPerSec: round(options.viewers / openSeconds, 0),
      commentsSent: comments.sent,
      commentsAccepted: comments.accepted,
      commentsRefused: comments.refused,
      commentsPerSec: round(studio.delivered.size / elapsed, 0),
      commentsLost: comments.accepted - studio.delivered.size,
      deliveryP50Ms: round(percentile(sortedDeliveries, 50), 1),
      deliveryP99Ms: round(percentile(sortedDeliveries, 99), 1),
      roomCpuCores: round(cpuCores, 2),
      ...sale,
      rssMb: round(Math.max(peakRssMb, memory.rss), 0),
      rssPeakMb: round(memory.peak, 0),
    });
    for (const viewer of viewers) viewer.ws.terminate();
    studio.ws.terminate();
  } finally {
    clearInterval(rssTimer);
    await room.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
