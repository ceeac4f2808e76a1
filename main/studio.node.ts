import { createRequire } from 'node:module';
import path from 'node:path';
import { createCore } from './core/createCore.node';
import { exitOnStartupError, stopOnSignals } from './entry/processLifecycle.node';
import { openLogFile } from './log/logFile.node';
import { createLogger, jsonLineSink, type LogLevel } from './log/logger.std';
import { lineSplitter, recordOfLine, studioReadyLines, teeSink, terminalSink } from './log/terminal.std';
import { defaultDataDir } from './paths/dataDir.node';
import { parseStudioArgs } from './studio/studioArgs.std';
import { startStudioServer } from './studio/studioServer.node';
import { newRoomToken } from './room/roomToken.node';
import { roomAnswers, roomChildLauncher } from './roomProcess/roomChildProcess.node';
import { superviseRoom } from './roomProcess/roomSupervisor.std';
import { STUDIO_ROOM_ID, studioRoomOptions } from './roomProcess/studioRoomOptions.std';
import { startStaffConsole } from './staff/staffConsole.node';

// `npm run studio`: the core in plain Node, serving the renderer to a browser.
async function main(): Promise<void> {
  const parsed = parseStudioArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exitCode = 2;
    return;
  }
  const { args } = parsed;
  const dataDir = args.dataDir ? path.resolve(args.dataDir) : defaultDataDir(process.env, process.platform);
  const level: LogLevel = process.env['SHOPCAST_LOG_LEVEL'] === 'debug' ? 'debug' : 'info';
  // The terminal is a person's: the link, what runs, warnings in a sentence. The JSON lines go to
  // <data>/logs/studio.log, or to stderr with --log-json (for a developer or a log collector).
  const logFile = args.logJson ? null : openLogFile(path.join(dataDir, 'logs', 'studio.log'));
  const toTerminal = terminalSink((line) => process.stderr.write(line), Date.now);
  const log = createLogger(logFile ? teeSink(jsonLineSink((line) => logFile.write(line), level), toTerminal) : jsonLineSink((line) => process.stderr.write(line), level));
  // The room child's own JSON lines (on its stderr) join the studio's: in the file, its warnings on the terminal.
  const roomLines = lineSplitter((line) => {
    logFile?.write(`${line}\n`);
    const record = recordOfLine(line);
    if (record) toTerminal(record);
    else process.stderr.write(`${line}\n`);
  });
  const echoRoom = logFile ? roomLines : (chunk: string) => process.stderr.write(chunk);
  const requireModule = createRequire(__filename);
  try {
    requireModule('bufferutil');
  } catch {
    // ws works without it, silently, at 2-3x the CPU per received frame (MEDIA-NOTES.md).
    log.warn('bufferutil is missing: the media channel will cost several times more CPU; run npm install');
  }
  // The studio's own room: `npm run room`'s server in a process of its own, so a busy sale never
  // shares an event loop with the frames. A fixed token (SHOPCAST_ROOM_TOKEN) lets an outside
  // broadcaster or bridge use it; else a new one each start.
  const token = process.env['SHOPCAST_ROOM_TOKEN'] ?? newRoomToken();
  const roomOptions = studioRoomOptions(process.env, path.join(dataDir, 'room'));
  const room = superviseRoom({
    launch: roomChildLauncher({ entry: path.join(__dirname, 'room.node.js'), args: roomOptions.args, env: { ...process.env, SHOPCAST_ROOM_TOKEN: token }, execPath: process.execPath, echo: echoRoom }),
    roomId: STUDIO_ROOM_ID,
    token,
    port: roomOptions.port,
    portChosen: roomOptions.portChosen,
    answers: roomAnswers,
    schedule: (ms, run) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    now: Date.now,
    log: log.child('room'),
  });
  await room.firstStart;
  const core = await createCore({ dataDir, log, env: process.env, requireModule, room });
  const rendererDir = path.join(__dirname, '..', 'renderer');
  const serve = (port: number) => startStudioServer({ host: args.host, port, rendererDir, core, log: log.child('studio') });
  const server = await serve(args.port).catch((error: unknown) => {
    if (args.portChosen || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${args.port} is in use (another studio?), so this one takes a free port.`);
    return serve(0);
  });
  // Staff consoles are optional: when their server cannot listen, the Staff tab says why. Started
  // before the link is printed, so a studio that is ready has its console server too.
  const staffConsole = await startStaffConsole({ env: process.env, rendererDir, core, log: log.child('staff') });
  const roomNow = room.current();
  const ready = studioReadyLines({
    pairingUrl: server.pairingUrl(),
    watchUrl: roomNow.watchUrl,
    roomMessage: roomNow.message,
    staffOrigin: staffConsole?.origin ?? null,
    dataDir,
    logFile: logFile?.path ?? null,
  });
  console.log(ready.join('\n'));
  log.info('studio ready', { url: server.origin, watchUrl: roomNow.watchUrl, staffOrigin: staffConsole?.origin ?? null });

  stopOnSignals(async () => {
    await staffConsole?.close();
    core.close();
    await Promise.all([room.stop(), server.close()]);
    logFile?.close();
  });
}

main().catch(exitOnStartupError);
