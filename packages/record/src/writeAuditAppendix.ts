// The professionals' record's appendix (decision 0043): the map's audit trail as a table, and one line with the
// chain's head, so that every copy of the record anchors the trail outside the database. Cells wrap within their
// column at spaces (a word wider than its column is cut where it must be); a row taller than what is left of a
// page goes on over the next one, its seq said again; the header row repeats on every page.
import type { FontWeight } from './fonts.ts'
import { INK, RULE } from './mapPalette.ts'
import { pdfFontName } from './pdfFonts.ts'
import type { RecordAuditEntry, RecordAuditTrail } from './RecordSnapshot.ts'
import { formatAuditDay, formatAuditTime, storedRoleLabel } from './recordWords.ts'
import { wrapText } from './wrapText.ts'

export const AUDIT_APPENDIX_TITLE = 'Appendix: audit trail'

const SIZE = 8
const LINE = SIZE * 1.3
const PAD = 3
/** The columns before the summary, in points; the summary takes the rest of the page's width. */
const FIXED_COLUMNS = [
  { title: 'Seq', width: 30 },
  { title: 'Time', width: 64 },
  { title: 'Who', width: 118 },
  { title: 'Action', width: 84 },
] as const
const SUMMARY_TITLE = 'Summary'
/** Fewer lines than this left on a page: a row that must be split starts on the next page instead. */
const MIN_SPLIT_LINES = 3

/** "Audit trail: N entries, chain head <16 hex>…, verified" (or what is wrong): the trail's anchor. */
export function auditTrailLine({ verification, head }: RecordAuditTrail): string {
  const count = `${verification.entries} ${verification.entries === 1 ? 'entry' : 'entries'}`
  const chain = head === null ? 'no chain head yet' : `chain head ${head.hash.slice(0, 16)}…`
  const verdict = verification.ok
    ? 'verified'
    : `NOT verified: entry ${verification.firstBad ?? '?'} is not as written (changed, missing or out of place)`
  return `Audit trail: ${count}, ${chain}, ${verdict}`
}

/** Who an entry names: "Name (Role, Agency)", or the server. */
function actorLabel(actor: RecordAuditEntry['actor']): string {
  if (actor === null) return 'The server'
  const details = [storedRoleLabel(actor.role), actor.agency].filter((part) => part !== '')
  const name = actor.name === '' ? 'Unnamed participant' : actor.name
  return details.length === 0 ? name : `${name} (${details.join(', ')})`
}

/** The record's typeface has no arrow: a summary's "before → after" prints as "before to after". */
function printable(summary: string): string {
  return summary.replace(/\s*→\s*/gu, ' to ')
}

function cellsOf(entry: RecordAuditEntry): string[] {
  return [
    String(entry.seq),
    `${formatAuditDay(entry.at)}\n${formatAuditTime(entry.at)}`,
    actorLabel(entry.actor),
    entry.action,
    printable(entry.summary),
  ]
}

/** Writes the appendix from a new page: what it is, the anchor line, then the table. */
export function writeAuditAppendix(pdf: PDFKit.PDFDocument, trail: RecordAuditTrail): void {
  pdf.addPage()
  const left = pdf.page.margins.left
  const width = pdf.page.width - left - pdf.page.margins.right
  pdf.font(pdfFontName('bold')).fontSize(15).fillColor(INK).text(AUDIT_APPENDIX_TITLE, left, pdf.y, { width })
  pdf.moveDown(0.4)
  const upTo =
    trail.head === null
      ? 'The trail had no entries when this record was made.'
      : `This appendix lists the entries up to seq ${trail.head.seq}, as the server had stored them when this record was made.`
  pdf
    .font(pdfFontName('regular'))
    .fontSize(9.5)
    .fillColor(INK)
    .text(
      'Every change the server accepted or refused, in both documents, every join and leave, link, export and ' +
        `closing, as the server recorded it, with who did it and when (UK time). ${upTo} The entry for this ` +
        'record itself (export.created) is written after the table was printed, so it is not listed. Each ' +
        'entry’s hash covers the one before it: the chain head below, kept with this record, lets anyone check ' +
        'later that no entry up to it has been changed, removed or reordered in the database.',
      { width },
    )
  pdf.moveDown(0.5)
  pdf.font(pdfFontName('semibold')).fontSize(10.5).text(auditTrailLine(trail), { width })
  pdf.moveDown(0.6)
  writeTable(pdf, trail.entries, left, width)
}

function writeTable(
  pdf: PDFKit.PDFDocument,
  entries: readonly RecordAuditEntry[],
  left: number,
  width: number,
): void {
  const fixed = FIXED_COLUMNS.reduce((sum, column) => sum + column.width, 0)
  const widths = [...FIXED_COLUMNS.map((column) => column.width), width - fixed]
  const lay = (texts: readonly string[], weight: FontWeight): string[][] => {
    pdf.font(pdfFontName(weight)).fontSize(SIZE)
    return texts.map((text, column) =>
      wrapText(text, (widths[column] ?? 0) - 2 * PAD, (part) => pdf.widthOfString(part)),
    )
  }
  const header = lay([...FIXED_COLUMNS.map((column) => column.title), SUMMARY_TITLE], 'semibold')
  const bottom = (): number => pdf.page.height - pdf.page.margins.bottom
  const linesOf = (cells: string[][]): number => Math.max(1, ...cells.map((lines) => lines.length))
  const roomAt = (y: number): number => Math.floor((bottom() - y - 2 * PAD) / LINE)

  let y = pdf.y
  /** Draws lines [from, from + count) of every cell as one band of the table, with a rule under it. */
  const band = (cells: string[][], from: number, count: number, weight: FontWeight): void => {
    pdf.font(pdfFontName(weight)).fontSize(SIZE).fillColor(INK)
    let x = left
    cells.forEach((lines, column) => {
      // A row's later part on a new page says its seq again.
      const shown = from > 0 && column === 0 ? lines.slice(0, 1) : lines.slice(from, from + count)
      shown.forEach((line, index) => {
        pdf.text(line, x + PAD, y + PAD + index * LINE, { lineBreak: false })
      })
      x += widths[column] ?? 0
    })
    y += count * LINE + 2 * PAD
    pdf
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke()
  }
  const headerBand = (): void => band(header, 0, linesOf(header), 'semibold')
  const newPage = (): void => {
    pdf.addPage()
    y = pdf.page.margins.top
    headerBand()
  }

  if (roomAt(y) < linesOf(header) + MIN_SPLIT_LINES) newPage()
  else headerBand()
  const pageRoom = roomAt(pdf.page.margins.top + linesOf(header) * LINE + 2 * PAD)
  for (const entry of entries) {
    const cells = lay(cellsOf(entry), 'regular')
    const total = linesOf(cells)
    let from = 0
    while (from < total) {
      const rest = total - from
      const room = roomAt(y)
      // A row that fits a page whole is not split; one that cannot is split, but not to leave a line or two.
      if (room < rest && (rest <= pageRoom || room < MIN_SPLIT_LINES)) {
        newPage()
        continue
      }
      const count = Math.min(room, rest)
      band(cells, from, count, 'regular')
      from += count
    }
  }
  pdf.fillColor(INK)
  pdf.x = left
  pdf.y = y + PAD
}
