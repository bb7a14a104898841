// Open-loop load: every writer edits on a fixed schedule whatever the server does, and each edit carries the time
// it was *meant* to be sent. Latency is measured from that time, so a server that stalls the clients (or a load
// generator that falls behind) shows up in the figures instead of hiding in fewer samples (coordinated omission).

export interface ScheduledWriter {
  /** Offset of this writer's first edit within the period, ms. */
  phaseMs: number
  /** Makes one edit meant for `intendedMs` (performance.now() time base). */
  edit(intendedMs: number): void
}

export interface OpenLoopReport {
  /** Edits made. */
  sent: number
  /** How late edits went out behind their schedule (ms): the load generator's own lag. */
  lateness: number[]
}

/** Runs every writer at `periodMs` from `startMs` until (not including) `endMs`. */
export async function runOpenLoop(
  writers: readonly ScheduledWriter[],
  periodMs: number,
  startMs: number,
  endMs: number,
): Promise<OpenLoopReport> {
  const next = writers.map((writer) => startMs + writer.phaseMs)
  const lateness: number[] = []
  let sent = 0
  for (;;) {
    const now = performance.now()
    let soonest = Number.POSITIVE_INFINITY
    for (const [index, writer] of writers.entries()) {
      let due = next[index] as number
      // Catch up on every edit that is due, each stamped with its own intended time.
      while (due <= now && due < endMs) {
        writer.edit(due)
        lateness.push(performance.now() - due)
        sent++
        due += periodMs
      }
      next[index] = due
      if (due < endMs) soonest = Math.min(soonest, due)
    }
    if (soonest === Number.POSITIVE_INFINITY) break
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, soonest - performance.now())))
  }
  return { sent, lateness }
}
