import type { Doc } from 'yjs'
import { MapValidationError } from './MapValidationError.ts'
import { getLocksMap } from './schema.ts'
import { validateZone } from './validation.ts'
import type { ZoneId } from './zones.ts'

/**
 * Locks or unlocks a section. The document only records the lock; who may still edit a locked section is the
 * server's rule to enforce, not this command's.
 */
export function setLock(doc: Doc, zone: ZoneId, locked: boolean, origin?: unknown): void {
  const id = validateZone(zone)
  if (typeof locked !== 'boolean') {
    throw new MapValidationError(
      'INVALID_TYPE',
      'locked',
      `locked must be true or false, got ${String(locked)}.`,
    )
  }
  const locks = getLocksMap(doc)
  doc.transact(() => {
    // Unlocked is "absent", not `false`, so the map only ever holds the locked sections.
    if (locked && locks.get(id) !== true) locks.set(id, true)
    if (!locked && locks.has(id)) locks.delete(id)
  }, origin ?? null)
}
