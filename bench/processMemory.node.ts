import { readFile } from 'node:fs/promises';

/** A process's resident memory now and its peak so far (VmRSS, VmHWM), in MB, read from /proc (Linux). */
export async function processRssMb(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
