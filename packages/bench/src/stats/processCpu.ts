import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

let ticksPerSecond: number | undefined

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

export interface CpuTimes {
  /** User-mode seconds (JavaScript, V8, libuv, SQLite…). */
  user: number
  /** Kernel seconds on the process's behalf (sockets, fsync…). */
  system: number
}

/** CPU seconds a process (all its threads) has used so far, from /proc/<pid>/stat (fields 14 and 15). */
export function processCpu(pid: number): CpuTimes {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return { user: Number(fields[11]) / clockTicks(), system: Number(fields[12]) / clockTicks() }
}
