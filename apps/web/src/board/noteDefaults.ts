import { ZONES } from '@mapboard/map-model'
import type { ColumnId, NoteColour, NoteKind, ZoneId } from '@mapboard/map-model'

// map-model applies these defaults itself when a field is omitted; the editors only need them to show the
// starting choice. (map-model does not export its DEFAULT_COLOUR_BY_COLUMN.)
const COLOUR_BY_COLUMN: Record<ColumnId, NoteColour> = {
  worries: 'pink',
  'working-well': 'green',
  'needs-to-happen': 'blue',
}

export const DEFAULT_KIND: NoteKind = 'observation'

export function defaultColourFor(zone: ZoneId): NoteColour {
  const column = ZONES.find((candidate) => candidate.id === zone)?.column ?? 'worries'
  return COLOUR_BY_COLUMN[column]
}
