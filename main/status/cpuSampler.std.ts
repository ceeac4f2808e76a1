export interface CpuUsage {
  user: number; // µs
  system: number; // µs
}

/** Percent of one core used between two calls (process.cpuUsage in the core). */
export function createCpuSampler(read: () => CpuUsage, nowMs: () => number): () => number {
  let last = read();
  let lastAt = nowMs();
  return () => {
    const current = read();
    const at = nowMs();
    const usedUs = current.user - last.user + (current.system - last.system);
    const elapsedMs = at - lastAt;
    last = current;
    lastAt = at;
    return elapsedMs > 0 ? Math.max(0, (usedUs / 1000 / elapsedMs) * 100) : 0;
  };
}
