/** How long and how often the bench measures. `--quick` is for development: one short run. */
export interface BenchSettings {
  quick: boolean
  runs: number
  /** Edit workloads: edits before the measured window, the window, and the longest wait for late deliveries. */
  warmupMs: number
  measureMs: number
  drainMs: number
  idleRooms: number
  idleNotesPerRoom: number
  idleMs: number
  stormNotes: number
  stormClients: number
  largeUpdateBytes: number
  /** Mapboard's unload grace in the bench (the default is 30 s); the idle workload waits this plus 1.5 s. */
  unloadGraceMs: number
}

export function benchSettings(quick: boolean, runs?: number): BenchSettings {
  return {
    quick,
    runs: runs ?? (quick ? 1 : 3),
    warmupMs: quick ? 500 : 2000,
    measureMs: quick ? 3000 : 8000,
    drainMs: 10_000,
    idleRooms: 200,
    idleNotesPerRoom: 20,
    idleMs: quick ? 1000 : 3000,
    stormNotes: 2000,
    stormClients: 30,
    largeUpdateBytes: 5 * 1024 * 1024,
    unloadGraceMs: 2000,
  }
}
