import { readdir, readFile } from 'node:fs/promises';

// Every process this bench's process runs, read from /proc (Linux) and sorted into who it works
// for: Shopcast's own (this process's core, the room's process, the studio's Chromium tree, the
// encoder and remuxer FFmpegs, the room's mediasoup workers) or the bench's props (the viewer's
// Chromium, nginx-rtmp, the plain-FFmpeg floor, the chat load's viewers).

export const shopcastGroups = ['core', 'room', 'browser', 'encoder', 'remuxers', 'sfu'] as const;
export type ShopcastGroup = (typeof shopcastGroups)[number];
export type ProcessGroup = ShopcastGroup | 'floor' | 'viewer' | 'nginx' | 'chat' | 'other';

export interface ProcessReading {
  pid: number;
  ppid: number;
  group: ProcessGroup;
  /** The process's own user + system time. */
  cpuSeconds: number;
  /** Its exited children's (cutime + cstime): where a process that exits mid-window leaves its CPU. */
  reapedCpuSeconds: number;
  rssKb: number;
  pssKb: number | null;
  /** The command and, for Chromium, its process type. */
  label: string;
}

export interface ProcessRoles {
  /** The studio's Chromium (its whole tree is the compositor's cost), when one runs. */
  studioBrowserPid: number | null;
  /** The plain-FFmpeg floor, when it runs. */
  floorPid: number | null;
  /** The room's own process (its mediasoup workers are counted as `sfu`). */
  roomPid?: number | null;
  /** The chat load's viewers (`--chat`). */
  chatPid?: number | null;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Stat {
  ppid: number;
  comm: string;
  cpuSeconds: number;
  reapedCpuSeconds: number;
}

async function readStat(pid: number): Promise<Stat | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, then cutime and cstime (children this one has waited for).
    return { ppid: Number(fields[1]), comm, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, reapedCpuSeconds: (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND };
  } catch {
    return null; // Exited while we looked.
  }
}

async function kbField(file: string, field: string): Promise<number | null> {
  try {
    const text = await readFile(file, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

async function isEncoder(pid: number): Promise<boolean> {
  try {
    // The encoder is the FFmpeg that reads raw video (ffmpegArgs.std.ts buildEncoderArgs); every
    // other FFmpeg the live controller runs reads the encoder's NUT.
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').includes('rawvideo');
  } catch {
    return false;
  }
}

async function labelOf(pid: number, comm: string): Promise<string> {
  try {
    // Chromium rewrites its command line into one string: search it, don't split it.
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
    const type = /--type=(\S+)/.exec(args)?.[1];
    const utility = /--utility-sub-type=(\S+)/.exec(args)?.[1]?.split('.').at(-1);
    const renderer = type === 'renderer' && /--extension-process/.test(args) ? 'extension' : null;
    return type ? `${comm}:${type}${utility ? `:${utility}` : ''}${renderer ? `:${renderer}` : ''}` : comm === 'chromium' ? 'chromium:browser' : comm;
  } catch {
    return comm;
  }
}

/** One reading of this process and all its descendants, each with its group. */
export async function readProcesses(roles: ProcessRoles, options: { pss?: boolean } = {}): Promise<ProcessReading[]> {
  const stats = new Map<number, Stat>();
  await Promise.all(
    (await readdir('/proc'))
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const stat = await readStat(Number(entry));
        if (stat) stats.set(Number(entry), stat);
      }),
  );
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);

  const root = process.pid;
  // Each process inherits the group of the direct child of this process it descends from.
  const groups = new Map<number, ProcessGroup>([[root, 'core']]);
  for (const child of children.get(root) ?? []) {
    const comm = stats.get(child)?.comm ?? '';
    let group: ProcessGroup;
    if (child === roles.studioBrowserPid) group = 'browser';
    else if (child === roles.floorPid) group = 'floor';
    else if (child === roles.roomPid) group = 'room';
    else if (child === roles.chatPid) group = 'chat';
    else if (comm === 'ffmpeg') group = (await isEncoder(child)) ? 'encoder' : 'remuxers';
    else if (comm.startsWith('mediasoup-work')) group = 'sfu';
    else if (comm === 'nginx') group = 'nginx';
    else if (/chrom/i.test(comm)) group = 'viewer';
    else group = 'other';
    const queue = [child];
    while (queue.length > 0) {
      const pid = queue.shift() as number;
      // The room's mediasoup workers are the SFU, whoever started them.
      groups.set(pid, group === 'room' && (stats.get(pid)?.comm ?? '').startsWith('mediasoup-work') ? 'sfu' : group);
      queue.push(...(children.get(pid) ?? []));
    }
  }

  const readings = await Promise.all(
    [...groups].map(async ([pid, group]): Promise<ProcessReading | null> => {
      const stat = stats.get(pid);
      if (!stat) return null;
      const rssKb = (await kbField(`/proc/${pid}/status`, 'VmRSS')) ?? 0;
      const pssKb = options.pss ? await kbField(`/proc/${pid}/smaps_rollup`, 'Pss') : null;
      const label = await labelOf(pid, stat.comm);
      return { pid, ppid: stat.ppid, group, cpuSeconds: stat.cpuSeconds, reapedCpuSeconds: stat.reapedCpuSeconds, rssKb, pssKb, label };
    }),
  );
  return readings.filter((reading): reading is ProcessReading => reading !== null);
}

/** CPU seconds per process label (Chromium's process types) within one group, between two readings. */
export function cpuByLabel(before: readonly ProcessReading[], after: readonly ProcessReading[], group: ProcessGroup): Map<string, number> {
  const start = new Map(before.map((reading) => [reading.pid, reading.cpuSeconds]));
  const totals = new Map<string, number>();
  for (const reading of after) {
    if (reading.group !== group) continue;
    totals.set(reading.label, (totals.get(reading.label) ?? 0) + Math.max(0, reading.cpuSeconds - (start.get(reading.pid) ?? 0)));
  }
  return totals;
}

/**
 * CPU seconds per group between two readings; a process born in between counts from zero. A
 * process that exited in between (a restarted remuxer) left its CPU in its parent's reaped time:
 * that growth, less what the exited children had used before the window, goes to their group
 * (the parent's when none of them was seen).
 */
export function cpuByGroup(before: readonly ProcessReading[], after: readonly ProcessReading[]): Map<ProcessGroup, number> {
  const start = new Map(before.map((reading) => [reading.pid, reading]));
  const alive = new Set(after.map((reading) => reading.pid));
  const totals = new Map<ProcessGroup, number>();
  const add = (group: ProcessGroup, seconds: number) => totals.set(group, (totals.get(group) ?? 0) + Math.max(0, seconds));
  for (const reading of after) {
    const was = start.get(reading.pid);
    add(reading.group, reading.cpuSeconds - (was?.cpuSeconds ?? 0));
    const reaped = reading.reapedCpuSeconds - (was?.reapedCpuSeconds ?? reading.reapedCpuSeconds);
    if (reaped <= 0) continue;
    const exited = before.filter((child) => child.ppid === reading.pid && !alive.has(child.pid));
    const usedBefore = exited.reduce((sum, child) => sum + child.cpuSeconds + child.reapedCpuSeconds, 0);
    add(exited[0]?.group ?? reading.group, reaped - usedBefore);
  }
  return totals;
}

export function sumGroups(values: ReadonlyMap<ProcessGroup, number>, groups: readonly ProcessGroup[]): number {
  return groups.reduce((sum, group) => sum + (values.get(group) ?? 0), 0);
}

/** Resident memory of the Shopcast processes in one reading, MB (VmRSS summed; PSS when read). */
export function shopcastMemoryMb(readings: readonly ProcessReading[]): { rssMb: number; pssMb: number | null; byGroup: Record<ShopcastGroup, number> } {
  const byGroup = Object.fromEntries(shopcastGroups.map((group) => [group, 0])) as Record<ShopcastGroup, number>;
  let pss: number | null = 0;
  for (const reading of readings) {
    if (!(shopcastGroups as readonly string[]).includes(reading.group)) continue;
    byGroup[reading.group as ShopcastGroup] += reading.rssKb / 1024;
    pss = pss === null || reading.pssKb === null ? null : pss + reading.pssKb / 1024;
  }
  return { rssMb: Object.values(byGroup).reduce((a, b) => a + b, 0), pssMb: pss, byGroup };
}

/** Busy CPU seconds of the whole machine so far (every core, every process), from /proc/stat. */
export async function machineBusySeconds(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const [, ...ticks] = line.trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (total - idle) / TICKS_PER_SECOND;
}

export type FfmpegRole = 'encoder' | 'room' | 'rtmp' | 'recording' | 'other';

/**
 * When this process's FFmpeg children started, as performance.now() values (10 ms resolution:
 * /proc's start time in clock ticks since boot against /proc/uptime), with what each one does.
 */
export async function ffmpegStartTimes(): Promise<{ role: FfmpegRole; startedAt: number }[]> {
  const uptimeSeconds = Number((await readFile('/proc/uptime', 'utf8')).split(' ')[0]);
  const nowAt = performance.now();
  const found: { role: FfmpegRole; startedAt: number }[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid || !stat.includes('(ffmpeg)')) continue;
      const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split('\0');
      const format = args[args.lastIndexOf('-f') + 1];
      const role: FfmpegRole = args.includes('rawvideo') ? 'encoder' : format === 'rtp' ? 'room' : format === 'flv' ? 'rtmp' : format === 'matroska' ? 'recording' : 'other';
      found.push({ role, startedAt: nowAt - (uptimeSeconds - Number(fields[19]) / TICKS_PER_SECOND) * 1000 });
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}
