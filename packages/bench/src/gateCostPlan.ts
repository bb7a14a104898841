// The seeded stream of edits the gate-cost benchmark plays against both servers: the same edits, in the same
// order, with the same note ids. Every one of them is one the rules accept (each writer changes only its own
// notes, and only the chair writes in the locked section), so the two servers do exactly the same work apart from
// judging it.
import { ZONE_IDS } from '@mapboard/map-model'
import type { ZoneId } from '@mapboard/map-model'
import type { Role } from '@mapboard/protocol'
import { seededRandom } from './load/seededRandom.ts'

/** The chair and two professionals write; everyone else watches. */
export const GATE_WRITER_ROLES: readonly Role[] = ['chair', 'professional', 'professional']
export const GATE_OBSERVERS = 3
/** Locked by the chair before the edits start, so the lock rules have something to look at. */
export const GATE_LOCKED: readonly ZoneId[] = ['past-harm']

export interface GateEdit {
  /** Index into GATE_WRITER_ROLES. */
  writer: number
  kind: 'add' | 'update' | 'move'
  zone: ZoneId
  text: string
  /** The note id an add gives its note. */
  id: string
  /** Which of the writer's own notes an update or move is about (modulo how many it has). */
  pick: number
}

export function gatePlan(seed: number, count: number): GateEdit[] {
  const random = seededRandom(seed)
  const int = (n: number) => Math.floor(random() * n)
  const open = ZONE_IDS.filter((zone) => !GATE_LOCKED.includes(zone))
  const edits: GateEdit[] = []
  for (let i = 0; i < count; i++) {
    const writer = int(GATE_WRITER_ROLES.length)
    const roll = random()
    const zones = writer === 0 ? ZONE_IDS : open
    edits.push({
      writer,
      kind: roll < 0.4 ? 'add' : roll < 0.8 ? 'update' : 'move',
      zone: zones[int(zones.length)] ?? 'next-steps',
      text: `Edit ${i}: observed at the home visit and discussed with the family and the school.`,
      id: `gate-${seed}-${i}`,
      pick: int(1_000_000),
    })
  }
  return edits
}
