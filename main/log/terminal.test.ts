import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLogFile } from './logFile.node';
import type { LogRecord } from './logger.std';
import { lineSplitter, recordOfLine, studioReadyLines, terminalLineOf, terminalSink } from './terminal.std';

const record = (level: LogRecord['level'], message: string, fields?: LogRecord['fields']): LogRecord => ({ at: '2026-12-07T00:00:00.000Z', level, scope: 'core', message, ...(fields ? { fields } : {}) });

describe('the terminal a person reads', () => {
  it('says a warning or an error in a sentence, with its reason, and keeps info for the log', () => {
    expect(terminalLineOf(record('info', 'studio ready'))).toBeNull();
    expect(terminalLineOf(record('debug', 'frame'))).toBeNull();
    expect(terminalLineOf(record('warn', 'bufferutil is missing: the media channel will cost several times more CPU; run npm install'))).toBe(
      'Warning: bufferutil is missing: the media channel will cost several times more CPU; run npm install.',
    );
    expect(terminalLineOf(record('warn', 'staff console server failed to start', { error: Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), { code: 'EACCES' }) }))).toBe(
      'Warning: staff console server failed to start (listen EACCES: permission denied 0.0.0.0:80).',
    );
    // As an error field arrives from another process's JSON line: an object with a message.
    expect(terminalLineOf(record('error', 'room commit failed', { error: { message: 'SQLITE_FULL: database or disk is full\n    at …', stack: '…' } }))).toBe(
      'Problem: room commit failed (SQLITE_FULL: database or disk is full).',
    );
  });

  it('says a repeated warning once a minute, with how often it came in between', () => {
    const lines: string[] = [];
    let now = 0;
    const sink = terminalSink((line) => lines.push(line), () => now);
    for (let i = 0; i < 100; i += 1) sink(record('warn', 'dropped a slow socket', { who: i }));
    sink(record('warn', 'closing a flooding socket'));
    now = 60_000;
    sink(record('warn', 'dropped a slow socket'));
    sink(record('info', 'fine'));
    expect(lines).toEqual([
      'Warning: dropped a slow socket.\n',
      'Warning: closing a flooding socket.\n',
      'Warning: dropped a slow socket. (and 99 more times since)\n',
    ]);
  });

  it('prints the link first, then what runs and where', () => {
    const lines = studioReadyLines({
      pairingUrl: 'http://127.0.0.1:4820/?token=abc',
      watchUrl: 'http://192.168.1.5:4821/watch/shop',
      roomMessage: null,
      staffOrigin: 'http://192.168.1.5:4822',
      dataDir: '/home/li/.config/Shopcast',
      logFile: '/home/li/.config/Shopcast/logs/studio.log',
    });
    expect(lines).toEqual([
      'Shopcast studio is running. Open this link in Chrome or Chromium (it works once): http://127.0.0.1:4820/?token=abc',
      '  Viewers watch at http://192.168.1.5:4821/watch/shop',
      '  Staff consoles pair at http://192.168.1.5:4822 (a code from the Staff tab)',
      '  Settings, shows and recordings: /home/li/.config/Shopcast',
      '  Log: /home/li/.config/Shopcast/logs/studio.log (or run with --log-json to see it here)',
      'Press Ctrl+C to stop.',
    ]);
    // The test kits find the link the way spawnStudio does.
    expect(/(http:\/\/\S+\?token=\S+)/.exec(lines.join('\n'))?.[1]).toBe('http://127.0.0.1:4820/?token=abc');
    expect(studioReadyLines({ pairingUrl: 'u', watchUrl: null, roomMessage: 'The live room stopped: port 4821 is in use.', staffOrigin: null, dataDir: 'd', logFile: null }).slice(1, 3)).toEqual([
      '  The live room is not running: The live room stopped: port 4821 is in use.',
      '  Staff consoles are off (the Staff tab says why).',
    ]);
  });

  it('reads a child process’s JSON lines back, whole lines at a time', () => {
    const lines: string[] = [];
    const split = lineSplitter((line) => lines.push(line));
    split('{"a":1}\n{"b"');
    split(':2}\n\n');
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
    expect(recordOfLine(JSON.stringify(record('warn', 'x')))).toEqual(record('warn', 'x'));
    expect(recordOfLine('That port is already in use.')).toBeNull();
    expect(recordOfLine('{"level":"loud","scope":"s","message":"m"}')).toBeNull();
  });
});

describe('openLogFile', () => {
  it('appends lines and keeps at most two files of the cap: the current one and the one before', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-log-'));
    try {
      const file = path.join(dir, 'logs', 'studio.log');
      const log = openLogFile(file, 100);
      for (let i = 0; i < 10; i += 1) log.write(`${String(i).repeat(29)}\n`);
      log.close();
      log.write('after close\n');
      expect((await stat(file)).size).toBeLessThanOrEqual(100);
      expect((await stat(`${file}.1`)).size).toBeLessThanOrEqual(100);
      expect(await readFile(file, 'utf8')).toBe(`${'9'.repeat(29)}\n`);
      expect(await readFile(`${file}.1`, 'utf8')).toBe(['6', '7', '8'].map((digit) => `${digit.repeat(29)}\n`).join(''));
      // A studio started again appends to the same file.
      const again = openLogFile(file, 100);
      again.write('next start\n');
      again.close();
      expect(await readFile(file, 'utf8')).toBe(`${'9'.repeat(29)}\nnext start\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
