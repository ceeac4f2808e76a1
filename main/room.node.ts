import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { announceToParent, exitOnStartupError, messageFromParent, startedByParent, stopOnSignals } from './entry/processLifecycle.node';
import { readTlsFiles } from './http/tlsFiles.node';
import { openLogFile } from './log/logFile.node';
import { createLogger, jsonLineSink, type LogLevel } from './log/logger.std';
import { teeSink, terminalSink } from './log/terminal.std';
import { defaultDataDir } from './paths/dataDir.node';
import { parseRoomArgs } from './room/roomArgs.node';
import { startRoomHost } from './room/roomHost.node';
import { loadRoomToken } from './room/roomToken.node';
import { roomTakeOverMessageSchema, type RoomReadyMessage } from '../contract/roomProcess.std';

// `npm run room`: the live room on its own, for a shop that hosts it on a server.
async function main(): Promise<void> {
  const parsed = parseRoomArgs(process.argv.slice(2), process.env, `${os.hostname()}-${process.pid}`);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exitCode = 2;
    return;
  }
  const { args } = parsed;
  // Not the studio's embedded room's folder: both may run on one machine.
  const dataDir = path.resolve(args.dataDir ?? path.join(defaultDataDir(process.env, process.platform), 'room-server'));
  const level: LogLevel = process.env['SHOPCAST_LOG_LEVEL'] === 'debug' ? 'debug' : 'info';
  // Where the JSON log lines go: to the studio (or the app) that started this room, on stderr, for
  // it to keep with its own; to stdout with --log-json, for a server's log collector (and then
  // nothing else is printed there); else to <data-dir>/logs/room.log, the terminal a person's.
  const byParent = startedByParent();
  const logFile = byParent || args.logJson ? null : openLogFile(path.join(dataDir, 'logs', 'room.log'));
  const sink = byParent
    ? jsonLineSink((line) => process.stderr.write(line), level)
    : logFile
      ? teeSink(jsonLineSink((line) => logFile.write(line), level), terminalSink((line) => process.stderr.write(line), Date.now))
      : jsonLineSink((line) => process.stdout.write(line), level);
  const log = createLogger(sink, 'room');
  const { token, source } = await loadRoomToken(process.env, dataDir);
  const packageRoot = path.resolve(__dirname, '..', '..');
  const requireModule = createRequire(__filename);
  // Started by a studio over an IPC channel: a studio that dies (even SIGKILLed) takes its room
  // with it, instead of leaving it holding the port the next studio's room needs.
  let close = () => Promise.resolve();
  if (process.connected) process.once('disconnect', () => void close().finally(() => process.exit(0)));
  if (args.standby) {
    // A studio's warm standby: its code loaded, nothing opened, until the room before it dies;
    // then it opens the room in a fraction of a cold start. (mediasoup is not loaded ahead: it
    // reads where its worker is when it loads, which the SFU sets just before.)
    await messageFromParent((message) => (roomTakeOverMessageSchema.safeParse(message).success ? true : null));
    log.info('standby room taking over');
  }
  const host = await startRoomHost({
    host: args.host,
    port: args.port,
    dataDir,
    rooms: args.rooms,
    token,
    packageRoot,
    viewerDir: path.join(__dirname, '..', 'renderer'),
    publicUrl: args.publicUrl,
    trustedProxies: args.trustedProxies,
    tls: args.tls ? await readTlsFiles(args.tls.certFile, args.tls.keyFile) : null,
    env: process.env,
    requireModule,
    log,
    newId: randomUUID,
    peers: args.peers,
    cluster: args.cluster,
  });
  const watchUrls = Object.fromEntries(args.rooms.map((roomId) => [roomId, host.watchUrl(roomId)]));
  log.info('room ready', { port: host.port, watchUrls, tokenIn: source, videoReason: host.videoReason });
  if (!args.logJson) {
    console.log(`Shopcast live room is running on port ${host.port}.`);
    for (const roomId of args.rooms) console.log(`  Viewers of "${roomId}": ${watchUrls[roomId]}`);
    console.log(`  Studio and broadcaster token: in ${source}`);
    if (host.videoReason) console.log(`  ${host.videoReason}`);
    if (logFile) console.log(`  Log: ${logFile.path} (or run with --log-json for JSON lines on stdout)`);
  }
  // Started by a studio: it learns where the room listens from this, not from the lines above.
  const ready: RoomReadyMessage = { type: 'room-ready', port: host.port, watchUrls, videoReason: host.videoReason };
  announceToParent(ready);

  close = () => host.close();
  stopOnSignals(() => host.close());
}

main().catch(exitOnStartupError);
