// The board's colours (the web app's ui/palette.ts, which the server cannot import), so the record's picture
// looks like the screen. Text on every fill meets WCAG AA contrast there and here.
import type { ColumnId, NoteColour, NoteKind } from '@mapboard/map-model'

export const INK = '#1b2230'
export const INK_MUTED = '#4a5468'
export const PAPER = '#ffffff'
export const RULE = '#d5dbe5'

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

export const LOCKED = { fill: '#f2f3f6', edge: '#a9b1bf', badge: '#4a5468' } as const
