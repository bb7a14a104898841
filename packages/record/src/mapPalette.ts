// The board's colours come from map-model (shared with the web canvas), so the record's picture looks like the
// screen; these are the picture's own.
export {
  COLUMN_TINT,
  INK,
  INK_MUTED,
  KIND_BADGE,
  LOCKED_SECTION as LOCKED,
  NOTE_FILL,
  SCALE_GIVEN,
} from '@mapboard/map-model'

export const PAPER = '#ffffff'
export const RULE = '#d5dbe5'
/** Professionals-only material: the note's border and the words that mark it, and the record's banner. */
export const RESTRICTED = { edge: '#8a1c1c', text: '#8a1c1c', banner: '#fbeaea' }
