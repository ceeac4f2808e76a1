import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startNatsServer, type NatsServer } from '../testing/natsServer.node';
import { startPostgresServer, type PostgresServer } from '../testing/postgresServer.node';
import { spawnRoom, type SpawnedRoom } from '../testing/spawnRoom.node';
import { processCpuSeconds } from './processCpu.node';
import { processRssMb } from './processMemory.node';
import { processTree } from './processTree.node';

// One room served by several room processes (issue 14's cluster mode): each node its own process
// and data folder, all on one throwaway PostgreSQL and one `nats-server -js`
// (`--cluster --nats <url> --postgres <url> --node-id <id>`); or, without the cluster, one node on
// its own SQLite store, today's room. Each node's CPU and peak RSS are read from /proc, and the
// engines' CPU apart from them, since on a real deployment they run on machines of their own.

export interface BenchNodesOptions {
  count: number;
  /** Share one PostgreSQL and one JetStream (else each node has its SQLite store: count must be 1). */
  cluster: boolean;
  entry: string;
  token: string;
}

export interface BenchNode {
  id: string;
  room: SpawnedRoom;
  pid: number;
  /** The largest RSS sampled so far, in MB. */
  peakRssMb: number;
}

export interface BenchNodes {
  nodes: BenchNode[];
  /** CPU seconds so far: each node's, and the engines' (PostgreSQL's processes and nats-server together). */
  cpuSeconds(): Promise<{ nodes: number[]; engines: number }>;
  /**
   * PostgreSQL's committed transactions so far (`pg_stat_database.xact_commit`), null without the
   * cluster: each node's batch is one transaction holding the room row's lock, so their rate
   * bounds the room's writes (the count includes the engines' other transactions: an upper bound).
   */
  pgCommits(): Promise<number | null>;
  /** Each node's peak RSS in MB (sampled every 250 ms, and the kernel's own high-water mark). */
  rssMb(): Promise<number[]>;
  stop(): Promise<void>;
}

/** Engine processes are told apart by name among this process's descendants. */
const ENGINE_COMMANDS = new Set(['postgres', 'nats-server']);

async function engineCpuSeconds(): Promise<number> {
  let total = 0;
  for (const pid of await processTree(process.pid)) {
    try {
      if (ENGINE_COMMANDS.has((await readFile(`/proc/${pid}/comm`, 'utf8')).trim())) total += await processCpuSeconds(pid);
    } catch {
      // Exited while we looked.
    }
  }
  return total;
}

export async function startBenchNodes(options: BenchNodesOptions): Promise<BenchNodes> {
  if (!options.cluster && options.count !== 1) throw new Error('Several nodes share one room only in cluster mode.');
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  const nodes: BenchNode[] = [];
  let rssTimer: NodeJS.Timeout | undefined;
  let engines: { nats: NatsServer; postgres: PostgresServer } | null = null;
  try {
    if (options.cluster) {
      const nats = await startNatsServer();
      cleanups.push(() => nats.dispose());
      const postgres = await startPostgresServer();
      cleanups.push(() => postgres.stop());
      engines = { nats, postgres };
    }
    for (let index = 0; index < options.count; index += 1) {
      const id = `bench-node-${index + 1}`;
      const dataDir = await mkdtemp(path.join(os.tmpdir(), `shopcast-bench-${id}-`));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const clusterArgs = engines ? ['--cluster', '--nats', engines.nats.url, '--postgres', engines.postgres.url, '--node-id', id] : [];
      const room = await spawnRoom(options.entry, { dataDir, port: 0, token: options.token, args: ['--trust-proxy', '127.0.0.1', ...clusterArgs] });
      cleanups.push(() => room.stop());
      nodes.push({ id, room, pid: room.process.pid ?? 0, peakRssMb: 0 });
    }
    rssTimer = setInterval(() => {
      for (const node of nodes) void processRssMb(node.pid).then(({ rss }) => (node.peakRssMb = Math.max(node.peakRssMb, rss)), () => {});
    }, 250);
    const timer = rssTimer;
    cleanups.push(async () => clearInterval(timer));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    nodes,
    pgCommits: async () => {
      if (!engines) return null;
      const client = new pg.Client({ connectionString: engines.postgres.url });
      await client.connect();
      try {
        const result = await client.query<{ commits: string }>('SELECT sum(xact_commit)::text AS commits FROM pg_stat_database');
        return Number(result.rows[0]?.commits ?? 0);
      } finally {
        await client.end();
      }
    },
    cpuSeconds: async () => ({ nodes: await Promise.all(nodes.map((node) => processCpuSeconds(node.pid))), engines: await engineCpuSeconds() }),
    rssMb: () => Promise.all(nodes.map(async (node) => Math.max(node.peakRssMb, (await processRssMb(node.pid)).peak))),
    stop,
  };
}
