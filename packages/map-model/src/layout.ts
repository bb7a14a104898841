// Pure geometry of the board, shared by the canvas and the PDF record so both draw the same picture. Units are
// "board units" (1 unit = 1 CSS px at zoom 1); the origin is the top-left corner of the board.
//
//   padding ┌ column ┐ columnGap ┌ column ┐ …      each column: a header (its label), then its sections stacked
//           │ header │           │        │        with `gap` between; each section: a header (its label), then
//           │section │           │        │        its notes in a grid, `gap` apart, one spare row at least so
//           │section │           │        │        there is always somewhere to drop.
//           └────────┘           └────────┘        Columns are as tall as the tallest one.
//   ┌ judgement band, the width of all columns ┐
import { JUDGEMENT_LABEL } from './judgement.ts'
import { compareInZone } from './order.ts'
import type { MapSnapshot, NoteSnapshot } from './readMap.ts'
import { COLUMNS, isZoneId, zoneLabel } from './zones.ts'
import type { ColumnId, ZoneId } from './zones.ts'

export interface LayoutOptions {
  /** Default 180. */
  noteWidth?: number
  /** Default 120. */
  noteHeight?: number
  /** Space between notes, around them inside a section, and between sections. Default 12. */
  gap?: number
  /** Default: room for 2 notes per row (2 × noteWidth + 3 × gap). Never narrower than one note. */
  columnWidth?: number
  /** Height of a section's label strip. Default 36. */
  headerHeight?: number
  /** Height of a column's label strip. Default 48. */
  columnHeaderHeight?: number
  /** Space between columns, and between the columns and the judgement band. Default 2 × gap. */
  columnGap?: number
  /** Empty margin around the whole board. Default 24. */
  padding?: number
  /** Height of the judgement (scaling) band. Default 160. */
  judgementHeight?: number
  /** Empty rows kept below the last note of every section. Default 1. */
  spareRows?: number
}

export interface ColumnBox {
  id: ColumnId
  label: string
  x: number
  y: number
  width: number
  height: number
}

export interface SectionBox {
  zone: ZoneId
  label: string
  column: ColumnId
  x: number
  y: number
  width: number
  height: number
  locked: boolean
  /** The label strip at the top of the box; notes start below it. */
  headerHeight: number
}

export interface NoteBox {
  id: string
  zone: ZoneId
  x: number
  y: number
  width: number
  height: number
}

/** The band below the columns for the scaling judgements; nothing is placed in it yet. */
export interface JudgementBox {
  label: string
  x: number
  y: number
  width: number
  height: number
  headerHeight: number
}

/** The note grid every section uses; indexAt reads it. */
export interface LayoutGrid {
  noteWidth: number
  noteHeight: number
  gap: number
  notesPerRow: number
}

export interface MapLayout {
  width: number
  height: number
  columns: ColumnBox[]
  sections: SectionBox[]
  /** In snapshot order: by section, then order, then id. */
  notes: NoteBox[]
  judgement: JudgementBox
  grid: LayoutGrid
}

export function layout(
  snapshot: Pick<MapSnapshot, 'notes' | 'locks'>,
  options: LayoutOptions = {},
): MapLayout {
  const o = resolveOptions(options)
  const notesPerRow = Math.max(1, Math.floor((o.columnWidth - o.gap) / (o.noteWidth + o.gap)))
  const byZone = groupByZone(snapshot.notes)
  const locked = new Set<string>(snapshot.locks)

  const columns: ColumnBox[] = []
  const sections: SectionBox[] = []
  const notes: NoteBox[] = []
  let contentHeight = 0
  COLUMNS.forEach((column, columnIndex) => {
    const x = o.padding + columnIndex * (o.columnWidth + o.columnGap)
    const y = o.padding
    let cursor = y + o.columnHeaderHeight
    for (const zone of column.zones) {
      const zoneNotes = byZone.get(zone) ?? []
      const rows = Math.max(1, Math.ceil(zoneNotes.length / notesPerRow) + o.spareRows)
      const section: SectionBox = {
        zone,
        label: zoneLabel(zone),
        column: column.id,
        x,
        y: cursor,
        width: o.columnWidth,
        height: o.headerHeight + rows * (o.noteHeight + o.gap),
        locked: locked.has(zone),
        headerHeight: o.headerHeight,
      }
      sections.push(section)
      zoneNotes.forEach((note, i) => {
        notes.push({
          id: note.id,
          zone,
          x: section.x + o.gap + (i % notesPerRow) * (o.noteWidth + o.gap),
          y: section.y + o.headerHeight + Math.floor(i / notesPerRow) * (o.noteHeight + o.gap),
          width: o.noteWidth,
          height: o.noteHeight,
        })
      })
      cursor += section.height + o.gap
    }
    columns.push({ id: column.id, label: column.label, x, y, width: o.columnWidth, height: cursor - y })
    contentHeight = Math.max(contentHeight, cursor - y)
  })
  for (const column of columns) column.height = contentHeight

  const columnsWidth = COLUMNS.length * o.columnWidth + (COLUMNS.length - 1) * o.columnGap
  const judgement: JudgementBox = {
    label: JUDGEMENT_LABEL,
    x: o.padding,
    y: o.padding + contentHeight + o.columnGap,
    width: columnsWidth,
    height: o.judgementHeight,
    headerHeight: o.headerHeight,
  }
  return {
    width: 2 * o.padding + columnsWidth,
    height: judgement.y + judgement.height + o.padding,
    columns,
    sections,
    notes,
    judgement,
    grid: { noteWidth: o.noteWidth, noteHeight: o.noteHeight, gap: o.gap, notesPerRow },
  }
}

// Sorted here too, so a hand-made snapshot lays out exactly like the one readMap returns.
function groupByZone(notes: readonly NoteSnapshot[]): Map<ZoneId, NoteSnapshot[]> {
  const byZone = new Map<ZoneId, NoteSnapshot[]>()
  for (const note of notes) {
    if (!isZoneId(note.zone)) continue
    const list = byZone.get(note.zone)
    if (list) list.push(note)
    else byZone.set(note.zone, [note])
  }
  for (const list of byZone.values()) list.sort(compareInZone)
  return byZone
}

function resolveOptions(options: LayoutOptions): Required<LayoutOptions> {
  const noteWidth = positive(options.noteWidth ?? 180, 'noteWidth')
  const noteHeight = positive(options.noteHeight ?? 120, 'noteHeight')
  const gap = nonNegative(options.gap ?? 12, 'gap')
  const columnWidth = Math.max(
    positive(options.columnWidth ?? 2 * noteWidth + 3 * gap, 'columnWidth'),
    noteWidth + 2 * gap,
  )
  const spareRows = nonNegative(options.spareRows ?? 1, 'spareRows')
  if (!Number.isInteger(spareRows)) throw new RangeError(`layout option spareRows must be a whole number`)
  return {
    noteWidth,
    noteHeight,
    gap,
    columnWidth,
    headerHeight: nonNegative(options.headerHeight ?? 36, 'headerHeight'),
    columnHeaderHeight: nonNegative(options.columnHeaderHeight ?? 48, 'columnHeaderHeight'),
    columnGap: nonNegative(options.columnGap ?? 2 * gap, 'columnGap'),
    padding: nonNegative(options.padding ?? 24, 'padding'),
    judgementHeight: nonNegative(options.judgementHeight ?? 160, 'judgementHeight'),
    spareRows,
  }
}

function positive(value: number, name: string): number {
  if (Number.isFinite(value) && value > 0) return value
  throw new RangeError(`layout option ${name} must be a positive number, got ${value}`)
}

function nonNegative(value: number, name: string): number {
  if (Number.isFinite(value) && value >= 0) return value
  throw new RangeError(`layout option ${name} must be zero or more, got ${value}`)
}
