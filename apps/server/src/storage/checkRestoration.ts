import type { Restoration } from './DocumentLog.ts'

/** The checks every store makes before a `quarantine` writes anything. */
export function checkRestoration(
  mapId: string,
  restoration: Restoration,
  lastSeq: number,
  snapshotSeq: number,
): void {
  const { throughSeq, entries } = restoration
  if (throughSeq > lastSeq) throw new Error(`cannot restore ${mapId} through ${throughSeq}: not written`)
  if (throughSeq < snapshotSeq) {
    throw new Error(`cannot restore ${mapId} through ${throughSeq}: its snapshot is newer`)
  }
  for (const entry of entries) {
    if (entry.seq > throughSeq)
      throw new Error(`cannot quarantine ${mapId} seq ${entry.seq}: past the restoration`)
  }
}
