import { describe, expect, it } from 'vitest';
import { cpuByGroup, type ProcessReading } from './goliveProcesses.node';

const reading = (pid: number, ppid: number, group: ProcessReading['group'], cpuSeconds: number, reapedCpuSeconds = 0): ProcessReading => ({
  pid,
  ppid,
  group,
  cpuSeconds,
  reapedCpuSeconds,
  rssKb: 0,
  pssKb: null,
  label: String(pid),
});

describe('CPU by group between two readings', () => {
  it('counts a remuxer that exited mid-window by what its parent reaped, less what it had used before', () => {
    // The core (pid 1) runs a remuxer (2) that used 5 s before the window and exits during it,
    // having used 1.5 s more; its replacement (3) is born in the window and uses 2 s.
    const before = [reading(1, 0, 'core', 10), reading(2, 1, 'remuxers', 5)];
    const after = [reading(1, 0, 'core', 11, 6.5), reading(3, 1, 'remuxers', 2)];
    const cpu = cpuByGroup(before, after);
    expect(cpu.get('core')).toBeCloseTo(1);
    expect(cpu.get('remuxers')).toBeCloseTo(3.5);
  });

  it('gives a child born and gone within the window to its parent’s group', () => {
    const cpu = cpuByGroup([reading(7, 1, 'encoder', 3)], [reading(7, 1, 'encoder', 4, 0.5)]);
    expect(cpu.get('encoder')).toBeCloseTo(1.5);
  });
});
