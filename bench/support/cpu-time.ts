import fs from "node:fs";

/** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
const TICKS_PER_SECOND = 100;

export interface CpuTime {
  /** All threads of the process (event loop, GC, libuv pool), in ms. */
  processMs: number;
  /** The main thread only (the JavaScript event loop), in ms. */
  mainThreadMs: number;
}

function ticksOf(statFile: string): number {
  const stat = fs.readFileSync(statFile, "utf8");
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** CPU time used so far by a process on this machine, or null where /proc is not available. */
export function readCpuTime(pid: number): CpuTime | null {
  try {
    return {
      processMs: (ticksOf(`/proc/${pid}/stat`) * 1000) / TICKS_PER_SECOND,
      mainThreadMs: (ticksOf(`/proc/${pid}/task/${pid}/stat`) * 1000) / TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}

/** Share of one core used between two readings over `wallMs`, e.g. 0.93 = 93 % of a core. */
export function cpuShare(before: CpuTime | null, after: CpuTime | null, wallMs: number) {
  if (!before || !after || wallMs <= 0) return null;
  return {
    process: (after.processMs - before.processMs) / wallMs,
    mainThread: (after.mainThreadMs - before.mainThreadMs) / wallMs,
  };
}

/**
 * Microseconds some runnable task on this machine has waited for a CPU
 * (Linux pressure stall information), or null without /proc/pressure. Over a
 * window it says how much other work competed for the cores.
 */
export function readCpuPressureUs(): number | null {
  try {
    const some = fs.readFileSync("/proc/pressure/cpu", "utf8").split("\n")[0] ?? "";
    const total = /total=(\d+)/.exec(some)?.[1];
    return total === undefined ? null : Number(total);
  } catch {
    return null;
  }
}
