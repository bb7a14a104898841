// The sections of a Signs of Safety map and the columns they sit in. Labels are the exact words of product.md:
// they are shown on screen and printed in the record, so change them only with the product brief.

export const ZONE_IDS = [
  'past-harm',
  'future-danger',
  'complicating-factors',
  'existing-strengths',
  'existing-safety',
  'safety-goals',
  'next-steps',
] as const

export type ZoneId = (typeof ZONE_IDS)[number]

export type ColumnId = 'worries' | 'working-well' | 'needs-to-happen'

export interface Zone {
  id: ZoneId
  label: string
  column: ColumnId
}

export interface Column {
  id: ColumnId
  label: string
  zones: ZoneId[]
}

export const ZONES: readonly Zone[] = Object.freeze([
  zone('past-harm', 'Past harm', 'worries'),
  zone('future-danger', 'Future danger', 'worries'),
  zone('complicating-factors', 'Complicating factors', 'worries'),
  zone('existing-strengths', 'Existing strengths', 'working-well'),
  zone('existing-safety', 'Existing safety', 'working-well'),
  zone('safety-goals', 'Safety goals', 'needs-to-happen'),
  zone('next-steps', 'Next steps', 'needs-to-happen'),
])

export const COLUMNS: readonly Column[] = Object.freeze([
  column('worries', 'What are we worried about?'),
  column('working-well', "What's working well?"),
  column('needs-to-happen', 'What needs to happen?'),
])

export function isZoneId(value: unknown): value is ZoneId {
  return typeof value === 'string' && (ZONE_IDS as readonly string[]).includes(value)
}

export function zoneLabel(id: ZoneId): string {
  return getZone(id).label
}

/** The column a section belongs to. */
export function zoneColumn(id: ZoneId): ColumnId {
  return getZone(id).column
}

/** Position of a section in ZONE_IDS; the primary sort key of notes. */
export function zoneIndex(id: ZoneId): number {
  return ZONE_IDS.indexOf(id)
}

function getZone(id: ZoneId): Zone {
  const found = ZONES.find((z) => z.id === id)
  // Only reachable if a caller casts an unchecked string to ZoneId.
  if (!found) throw new RangeError(`unknown zone id: ${String(id)}`)
  return found
}

function zone(id: ZoneId, label: string, columnId: ColumnId): Zone {
  return Object.freeze({ id, label, column: columnId })
}

// Derive each column's sections from ZONES so the two lists can never disagree.
function column(id: ColumnId, label: string): Column {
  const zones = ZONE_IDS.filter((zoneId) => ZONES.find((z) => z.id === zoneId)?.column === id)
  return Object.freeze({ id, label, zones: Object.freeze(zones) as ZoneId[] })
}
