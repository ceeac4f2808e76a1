import { connect, type NatsConnection } from 'nats';
import pg from 'pg';
import type { Logger } from '../log/logger.std';

// A cluster node's two shared services (issue 14), a kernel: it knows nothing of rooms: PostgreSQL for the rooms' rows, orders and
// stock, NATS (JetStream) for their event logs and presence. Both reconnect on their own: the
// pool opens a new connection for the next batch, the NATS client keeps trying for good (a
// follower resumes where it was once the server is back).

export interface ClusterConnections {
  pool: pg.Pool;
  nc: NatsConnection;
  close(): Promise<void>;
}

export async function openClusterConnections(options: { natsUrl: string; postgresUrl: string; nodeId: string; log: Logger }): Promise<ClusterConnections> {
  const { log } = options;
  const pool = new pg.Pool({ connectionString: options.postgresUrl, max: 10 });
  // An idle connection the server ends (a restart, a failover) is an 'error' on the pool: logged,
  // or it would end the process; the next batch takes a new connection.
  pool.on('error', (error) => log.warn('a PostgreSQL connection ended', { error: error.message }));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(`The room node could not reach PostgreSQL at ${options.postgresUrl}: ${(error as Error).message}`, { cause: error });
  }
  let nc: NatsConnection;
  try {
    // noAsyncTraces: the client would otherwise make two Error objects (stack traces) for every
    // publish, in case its ack times out: a fifth of the relay's CPU in the scale bench.
    nc = await connect({ servers: options.natsUrl, name: `shopcast-room-${options.nodeId}`, maxReconnectAttempts: -1, reconnectTimeWait: 500, noAsyncTraces: true });
  } catch (error) {
    await pool.end();
    throw new Error(`The room node could not reach NATS at ${options.natsUrl}: ${(error as Error).message}`, { cause: error });
  }
  void (async () => {
    for await (const status of nc.status()) log.info('nats', { type: status.type, data: String(status.data) });
  })();
  log.info('cluster node connected', { nodeId: options.nodeId });
  return {
    pool,
    nc,
    async close() {
      await nc.drain().catch(() => nc.close());
      await pool.end();
    },
  };
}
