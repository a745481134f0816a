import * as fs from 'node:fs';

/** Figures the benchmarks report, computed one way. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The nearest-rank percentile `p` (0 to 100) of ascending `sorted` times; 0 when there are none. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.max(0, Math.ceil((sorted.length * p) / 100) - 1)] ?? 0;

/** A process's resident memory now, in MB (Linux: /proc/<pid>/status). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}
