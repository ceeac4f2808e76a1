import type { NatsConnection } from 'nats';
import type { Pool } from 'pg';
import type { RoomEvent } from '../../../contract/room/roomEvents.std';
import { openLiveRoom } from '../liveRoom.node';
import { createPostgresRoomPhotos } from './pgRoomPhotos.node';
import { openPostgresRoomStore } from './pgRoomStore.node';
import type { ClusterRoom, ClusterRoomParts, ClusterRooms } from '../roomServer.node';
import { viewerKeyHash } from '../viewerKeys.node';
import { openJetStreamRoomEventLog } from '../../roomLog/jetStreamRoomEventLog.node';
import { watchRoomPresence } from '../../roomCluster/clusterPresence.node';
import { createLogRelay } from '../../roomCluster/logRelay.node';

// A room on a node of a cluster (issue 14: "nodes behind any load balancer"). Its orders, stock
// and row are in PostgreSQL (pgRoomStore), one batch at a time across the nodes; its events
// reach every node's sockets through its JetStream log: this node relays what it commits to the
// log (main/roomCluster/logRelay.node.ts), and follows the log — one follower per open room — for everything it
// fans out, its own commits included, so every socket on every node sees the room in one order.
// The follower also feeds the room's memory (replay, a reloaded page's history, a welcome's
// lastSeq), so a viewer that reconnects to another node resumes from what that node followed.

export interface ClusterRoomsDeps {
  pool: Pool;
  nc: NatsConnection;
  nodeId: string;
  now: () => number;
  newId: () => string;
}

export function createClusterRooms(deps: ClusterRoomsDeps): ClusterRooms {
  const { pool, nc, nodeId, now } = deps;
  return {
    photos: createPostgresRoomPhotos(pool),
    async exists(roomId) {
      return (await pool.query('SELECT 1 FROM rooms WHERE id = $1', [roomId])).rowCount === 1;
    },
    async open(roomId: string, { fanout, video, log }: ClusterRoomParts): Promise<ClusterRoom> {
      const store = await openPostgresRoomStore(pool, roomId, now, 'log');
      const eventLog = await openJetStreamRoomEventLog({ nc, roomId });
      const relay = createLogRelay({ pool, roomId, eventLog, log });
      const presence = watchRoomPresence({
        nc,
        roomId,
        nodeId,
        now,
        localCount: () => fanout.viewerCount,
        onTick: () => room.setViewerCount(fanout.viewerCount + presence.others()),
      });
      const room = openLiveRoom({
        store,
        roomId,
        now,
        newId: deps.newId,
        log,
        videoState: () => video.videoState(),
        // Committed here: relayed to the log, and fanned out only once followed from it.
        onEvent: (stored) => relay.committed(stored.event.seq),
        defer: (run) => setImmediate(run),
        shownSeq: store.loggedSeq,
        countsViewers: presence.leads,
      });
      // What an earlier node left unrelayed goes first; the follower waits for it in any case.
      await relay.relay();
      const following = await eventLog.follow(store.loggedSeq(), (logged) => {
        if (logged.seq <= store.loggedSeq()) return;
        store.logged({ seq: logged.seq, kind: logged.kind, owner: logged.owner, body: logged.body });
        if (room.followedKinds.has(logged.kind as RoomEvent['kind'])) room.followed(JSON.parse(logged.body) as RoomEvent);
        fanout.publish({ seq: logged.seq, kind: logged.kind, owner: logged.owner, json: logged.body });
      });
      return {
        room,
        viewers: () => fanout.viewerCount + presence.others(),
        // Keys known when the room opened here, or named here since: a hello never waits on the database.
        knowsViewer: (viewerKey) => store.knowsViewer(viewerKeyHash(viewerKey)),
        async close() {
          await presence.close();
          await following.stop();
          await relay.close();
          await eventLog.close();
        },
      };
    },
  };
}
