import { readdir, readFile } from 'node:fs/promises';
import { processCpuSeconds } from './processCpu.node';

/** The pids of a process and all its descendants, from /proc (Linux). */
export async function processTree(rootPid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // Exited while we looked.
    }
  }
  const tree = [rootPid];
  for (let index = 0; index < tree.length; index += 1) {
    for (const [pid, parent] of parents) if (parent === tree[index]) tree.push(pid);
  }
  return tree;
}

/** CPU seconds used so far by a process and its descendants, per pid (so a window can diff them). */
export async function treeCpuSeconds(rootPid: number): Promise<Map<number, number>> {
  const usage = new Map<number, number>();
  for (const pid of await processTree(rootPid)) {
    try {
      usage.set(pid, await processCpuSeconds(pid));
    } catch {
      // Exited while we looked.
    }
  }
  return usage;
}

/** CPU used between two readings; processes born in between count from zero. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
