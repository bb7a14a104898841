// The map as the board draws it — columns, section titles, sticky notes, the judgement band — onto any
// MapSurface, at the positions map-model's layout() gives. Geometry and sizes follow the web canvas
// (apps/web/src/canvas): the record's picture is the board's picture.
import { SCALING_QUESTION, judgementSummary } from '@mapboard/map-model'
import type {
  ColumnBox,
  JudgementBox,
  JudgementScale,
  MapLayout,
  NoteBox,
  NoteSnapshot,
  SectionBox,
} from '@mapboard/map-model'
import type { FontWeight } from './fonts.ts'
import type { MapSurface, TextStyle } from './MapSurface.ts'
import {
  COLUMN_TINT,
  INK,
  INK_MUTED,
  KIND_BADGE,
  LOCKED,
  NOTE_FILL,
  PAPER,
  RESTRICTED,
  RULE,
  SCALE_GIVEN,
} from './mapPalette.ts'
import { RESTRICTED_MARK } from './RecordSnapshot.ts'
import { clipLine, fitText, wrapText } from './wrapText.ts'

const NOTE_PADDING = 10
/** Room at the top of a note for the kind badge, and at the bottom for the source line (as on the board). */
const NOTE_TOP = 34
const NOTE_BOTTOM = 20
const NOTE_TEXT_SIZES = [16, 15, 14, 13, 12, 11, 10, 9] as const
const NOTE_LINE_HEIGHT = 1.22
/** Cap height of Noto Sans is about 0.71 em, ascent about 1.07 em: where a baseline goes for a line box. */
const ASCENT = 0.93

/**
 * Draws the whole board; the caller has filled the background. `scale` is the latest revealed round about the map
 * overall (map-model's judgementScale), drawn on the judgement band as the board does. Notes whose ids are in
 * `restricted` (from the professionals' document) get a border of their own and the words "Professionals only".
 */
export function drawMap(
  surface: MapSurface,
  layout: MapLayout,
  notes: readonly NoteSnapshot[],
  scale: JudgementScale | null,
  restricted: ReadonlySet<string> = new Set(),
): void {
  const byId = new Map(notes.map((note) => [note.id, note]))
  for (const column of layout.columns) drawColumn(surface, column, layout)
  for (const section of layout.sections) drawSection(surface, section)
  for (const box of layout.notes) {
    const note = byId.get(box.id)
    if (note !== undefined) drawNote(surface, box, note, restricted.has(note.id))
  }
  drawJudgement(surface, layout.judgement, scale)
}

function drawColumn(surface: MapSurface, column: ColumnBox, layout: MapLayout): void {
  const tint = COLUMN_TINT[column.id]
  // The column's label strip ends 8 units above its first section, as on the board.
  const header = layout.sections[0] === undefined ? 48 : layout.sections[0].y - column.y
  surface.roundRect(column.x - 8, column.y - 8, column.width + 16, column.height + 8, 14, { fill: tint.body })
  surface.roundRect(column.x - 8, column.y - 8, column.width + 16, header, 14, { fill: tint.header })
  // Rounded at the top only, as on the board.
  surface.roundRect(column.x - 8, column.y - 8 + header / 2, column.width + 16, header / 2, 0, {
    fill: tint.header,
  })
  surface.roundRect(column.x - 8, column.y - 8, 6, header, 3, { fill: tint.accent })
  const label = clipLine(column.label, column.width - 20, (text) => surface.measure(text, 'bold', 20))
  surface.text(label, column.x + 10, column.y + (header - 16) / 2 + 7, {
    size: 20,
    weight: 'bold',
    colour: tint.accent,
  })
}

function drawSection(surface: MapSurface, section: SectionBox): void {
  const tint = COLUMN_TINT[section.column]
  surface.roundRect(section.x, section.y, section.width, section.height, 10, {
    fill: section.locked ? LOCKED.fill : PAPER,
    stroke: section.locked ? LOCKED.edge : RULE,
  })
  const headerFill = { fill: section.locked ? LOCKED.edge : tint.header }
  surface.roundRect(section.x, section.y, section.width, section.headerHeight, 10, headerFill)
  const half = section.headerHeight / 2
  surface.roundRect(section.x, section.y + half, section.width, half, 0, headerFill)
  surface.roundRect(section.x + 12, section.y + 13, 14, 10, 2.5, { fill: tint.accent })
  let labelRoom = section.width - 48
  if (section.locked) {
    const badge = 'Locked'
    const width = surface.measure(badge, 'semibold', 12) + 20
    surface.roundRect(section.x + section.width - width - 10, section.y + 6, width, 24, 12, {
      fill: LOCKED.badge,
    })
    surface.text(badge, section.x + section.width - width, section.y + 22, {
      size: 12,
      weight: 'semibold',
      colour: '#ffffff',
    })
    labelRoom -= width + 10
  }
  const label = clipLine(section.label, labelRoom, (text) => surface.measure(text, 'semibold', 15))
  surface.text(label, section.x + 34, section.y + 23, { size: 15, weight: 'semibold', colour: INK })
}

function byline(note: NoteSnapshot): string {
  return [note.author, note.agency].filter((part) => part !== '').join(' · ')
}

function drawNote(surface: MapSurface, box: NoteBox, note: NoteSnapshot, restricted: boolean): void {
  const colours = NOTE_FILL[note.colour]
  const badge = KIND_BADGE[note.kind]
  const { x, y, width, height } = box
  surface.roundRect(x, y + 2, width, height, 6, { fill: INK, opacity: 0.1 })
  // A border of its own, outside the note, so the note's colour still says what it says on the board.
  if (restricted) surface.roundRect(x - 4, y - 4, width + 8, height + 8, 9, { fill: RESTRICTED.edge })
  surface.roundRect(x, y, width, height, 6, { fill: colours.fill, stroke: colours.edge })

  const badgeText = badge.label.toUpperCase()
  const badgeWidth = surface.measure(badgeText, 'semibold', 10) + 10
  surface.roundRect(x + NOTE_PADDING, y + NOTE_PADDING, badgeWidth, 20, 4, { fill: badge.fill })
  surface.text(badgeText, x + NOTE_PADDING + 5, y + NOTE_PADDING + 14, {
    size: 10,
    weight: 'semibold',
    colour: badge.text,
  })

  const inner = width - 2 * NOTE_PADDING
  const bylineRoom = inner - badgeWidth - 8
  const by = clipLine(byline(note), bylineRoom, (text) => surface.measure(text, 'regular', 11))
  if (by !== '' && bylineRoom > 20) {
    const byWidth = surface.measure(by, 'regular', 11)
    surface.text(by, x + width - NOTE_PADDING - byWidth, y + NOTE_PADDING + 13, {
      size: 11,
      weight: 'regular',
      colour: INK_MUTED,
    })
  }

  const fitted = fitText(
    note.text,
    inner,
    height - NOTE_TOP - NOTE_BOTTOM,
    NOTE_TEXT_SIZES,
    NOTE_LINE_HEIGHT,
    (text, size) => surface.measure(text, 'regular', size),
  )
  fitted.lines.forEach((line, index) => {
    const baseline = y + NOTE_TOP + index * fitted.lineHeight + fitted.size * ASCENT
    surface.text(line, x + NOTE_PADDING, baseline, { size: fitted.size, weight: 'regular', colour: INK })
  })

  const source = note.source === '' ? 'Source not given' : `Source: ${note.source}`
  let footerX = x + NOTE_PADDING
  const footerY = y + height - NOTE_BOTTOM + 14
  if (restricted) {
    // First on the line, so clipping a long source never hides it.
    surface.text(RESTRICTED_MARK, footerX, footerY, { size: 11, weight: 'semibold', colour: RESTRICTED.text })
    footerX += surface.measure(`${RESTRICTED_MARK} · `, 'semibold', 11)
  }
  surface.text(
    clipLine(source, x + width - NOTE_PADDING - footerX, (text) => surface.measure(text, 'regular', 11)),
    footerX,
    footerY,
    { size: 11, weight: 'regular', colour: INK_MUTED },
  )
}

function drawJudgement(surface: MapSurface, box: JudgementBox, scale: JudgementScale | null): void {
  surface.roundRect(box.x, box.y, box.width, box.height, 10, { fill: PAPER, stroke: RULE })
  surface.text(box.label, box.x + 14, box.y + 26, { size: 15, weight: 'semibold', colour: INK })
  const weight: FontWeight = 'regular'
  const lines = wrapText(SCALING_QUESTION, Math.min(box.width - 28, 900), (text) =>
    surface.measure(text, weight, 14),
  )
  lines.forEach((line, index) => {
    surface.text(line, box.x + 14, box.y + box.headerHeight + 20 + index * 19.6, {
      size: 14,
      weight,
      colour: INK_MUTED,
    })
  })
  // The 0–10 scale in its one true direction: 0 on the left, 10 on the right; numbers given stand out.
  const cellY = box.y + box.height - 48
  for (let value = 0; value <= 10; value++) {
    const cellX = box.x + 14 + value * 44
    const given = scale?.byScore[value]?.length ?? 0
    surface.roundRect(cellX, cellY, 36, 32, 6, {
      fill: given > 0 ? SCALE_GIVEN : '#f1f4f8',
      stroke: given > 0 ? SCALE_GIVEN : RULE,
    })
    const label = given > 1 ? `${value}×${given}` : String(value)
    const style: TextStyle =
      given > 0
        ? { size: given > 1 ? 11 : 14, weight: 'semibold', colour: PAPER }
        : { size: 14, weight: 'regular', colour: INK }
    surface.text(
      label,
      cellX + (36 - surface.measure(label, style.weight, style.size)) / 2,
      cellY + 21,
      style,
    )
  }
  if (scale !== null) {
    const x = box.x + 14 + 11 * 44 + 12
    const summary = clipLine(`Revealed: ${judgementSummary(scale)}`, box.x + box.width - 14 - x, (text) =>
      surface.measure(text, 'regular', 13),
    )
    surface.text(summary, x, cellY + 21, { size: 13, weight: 'regular', colour: INK })
  }
}
