// The map's colours, shared by the board (apps/web) and the record's picture (the server's export), so the
// record looks like the screen. Text on every fill meets WCAG AA contrast.
import type { NoteColour, NoteKind } from './noteFields.ts'
import type { ColumnId } from './zones.ts'

export const INK = '#1b2230'
export const INK_MUTED = '#4a5468'

export const NOTE_FILL: Record<NoteColour, { fill: string; edge: string }> = {
  yellow: { fill: '#fff3b0', edge: '#d9b93c' },
  pink: { fill: '#ffdfe4', edge: '#dc8e9c' },
  blue: { fill: '#dbe9ff', edge: '#86a9dc' },
  green: { fill: '#d9f2df', edge: '#7fbf92' },
  orange: { fill: '#ffe3c7', edge: '#dd9d5f' },
  purple: { fill: '#ebe0ff', edge: '#a990dc' },
}

/** Kind badges carry their name in text, so colour is never the only signal. */
export const KIND_BADGE: Record<NoteKind, { label: string; fill: string; text: string }> = {
  fact: { label: 'Fact', fill: '#1f3a5f', text: '#ffffff' },
  observation: { label: 'Observation', fill: '#0d6656', text: '#ffffff' },
  allegation: { label: 'Allegation', fill: '#8a3f00', text: '#ffffff' },
  opinion: { label: 'Opinion', fill: '#5b3a8c', text: '#ffffff' },
}

export const COLUMN_TINT: Record<ColumnId, { header: string; accent: string; body: string }> = {
  worries: { header: '#fbe4e4', accent: '#a4262c', body: '#fdf5f5' },
  'working-well': { header: '#dff1e5', accent: '#1b6e3a', body: '#f4faf6' },
  'needs-to-happen': { header: '#e1ebf8', accent: '#1f5aa6', body: '#f4f7fc' },
}

/** A locked section: muted (and hatched on screen), with a dark "Locked" badge (text on it meets AA). */
export const LOCKED_SECTION = { fill: '#f2f3f6', edge: '#a9b1bf', badge: '#4a5468' } as const

/** A number someone gave in the latest revealed round, on the judgement band. */
export const SCALE_GIVEN = '#1d4e89'
