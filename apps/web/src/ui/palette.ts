import { LOCKED_SECTION } from '@mapboard/map-model'
import type { NoteColour } from '@mapboard/map-model'

// The map's own colours (notes, kinds, columns, ink) live in map-model, shared with the record's picture.
export { COLUMN_TINT, INK, INK_MUTED, KIND_BADGE, NOTE_FILL, SCALE_GIVEN } from '@mapboard/map-model'

/** Colours of the DOM views and the canvas around the map. Text on every fill meets WCAG AA contrast. */
export const SURFACE = '#ffffff'
export const BOARD_BACKGROUND = '#eef1f5'
export const FOCUS = '#2857c5'

export const COLOUR_LABEL: Record<NoteColour, string> = {
  yellow: 'Yellow',
  pink: 'Pink',
  blue: 'Blue',
  green: 'Green',
  orange: 'Orange',
  purple: 'Purple',
}

/** A locked section: muted and hatched for everyone, with a dark "Locked" badge (text on it meets AA). */
export const LOCKED = { ...LOCKED_SECTION, hatch: 'rgba(74, 84, 104, 0.13)' } as const

/** The "Not saved yet" mark on a note (amber, as the header's count: something still to reach the server). */
export const UNSAVED_FILL = '#fff1d6'
export const UNSAVED_TEXT = '#7a3e00'
/** A professionals-only note: a border and label no other note has (decision 0032). */
export const RESTRICTED_EDGE = '#5b2a86'
export const RESTRICTED_FILL = '#5b2a86'
export const RESTRICTED_TEXT = '#ffffff'
/**
 * The "Shared late" and "New at the conference" marks (decision 0035): dark fills with white text (AA), different
 * from each other and from every other mark, but the words say it — never the colour alone.
 */
export const INFORMATION_MARK = {
  late: { fill: '#8a3b00', text: '#ffffff' },
  new: { fill: '#a1122e', text: '#ffffff' },
} as const
