// The record as a PDF: page 1 the map (vector, drawn by drawMap like the PNG), then the written record, then (the
// professionals' record only) the audit trail's appendix, then the integrity page (document version, SHA-256, who
// generated it and when, the trail's head). Every page carries a footer, and every page of the professionals'
// record a banner saying it is not for the family. All text is real text in the embedded font. Pure: a snapshot
// in, bytes out.
import PDFDocument from 'pdfkit'
import { judgementScale, layout } from '@mapboard/map-model'
import { drawMap } from './drawMap.ts'
import { INK, INK_MUTED, PAPER, RESTRICTED } from './mapPalette.ts'
import { pdfBytes } from './pdfBytes.ts'
import { pdfFontName, registerPdfFonts } from './pdfFonts.ts'
import { pdfSurface } from './pdfSurface.ts'
import { PROFESSIONALS_BANNER } from './RecordSnapshot.ts'
import type { RecordSnapshot } from './RecordSnapshot.ts'
import { formatDateTime, personLabel } from './recordWords.ts'
import { auditTrailLine, writeAuditAppendix } from './writeAuditAppendix.ts'
import { writeRecordText } from './writeRecordText.ts'

const A4: [number, number] = [595.28, 841.89]
const MARGIN = 50
/** Room below the bottom margin for the footer. */
const FOOTER_ROOM = 24

export async function renderRecordPdf(record: RecordSnapshot): Promise<Uint8Array> {
  const pdf = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: A4,
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_ROOM },
    info: {
      Title:
        record.restricted === null
          ? `${record.title} — record`
          : `${record.title} — professionals' record (${PROFESSIONALS_BANNER})`,
      Author: record.generatedBy.name,
      Subject: `${record.conferenceType}, map ${record.mapId}, version ${record.documentVersion}`,
      Creator: 'Mapboard',
      CreationDate: new Date(record.generatedAt),
    },
  })
  const done = pdfBytes(pdf)
  registerPdfFonts(pdf)

  writeMapPage(pdf, record)
  pdf.addPage({ size: A4, layout: 'portrait' })
  writeRecordText(pdf, record)
  // Only the professionals' record has the trail: it holds entries about professionals-only material.
  const audit = record.restricted?.audit ?? null
  if (audit !== null) writeAuditAppendix(pdf, audit)
  writeIntegrityPage(pdf, record)
  writeFooters(pdf, record)
  if (record.restricted !== null) writeBanners(pdf)
  pdf.end()
  return done
}

/** The board, scaled to fit an A4 page turned to suit its shape, under the map's title. */
function writeMapPage(pdf: PDFKit.PDFDocument, record: RecordSnapshot): void {
  const board = layout(record.map)
  pdf.addPage({ size: A4, layout: board.width > board.height ? 'landscape' : 'portrait' })
  const left = pdf.page.margins.left
  pdf
    .font(pdfFontName('bold'))
    .fontSize(14)
    .fillColor(INK)
    .text(record.title, left, MARGIN, { lineBreak: false })
  pdf
    .font(pdfFontName('regular'))
    .fontSize(9)
    .fillColor(INK_MUTED)
    .text(`The map as it stood at document version ${record.documentVersion}`, left, MARGIN + 20, {
      lineBreak: false,
    })
  const top = MARGIN + 38
  const width = pdf.page.width - 2 * MARGIN
  const height = pdf.page.height - top - MARGIN - FOOTER_ROOM
  const scale = Math.min(width / board.width, height / board.height)
  pdf.save()
  pdf.translate(left + (width - board.width * scale) / 2, top)
  pdf.scale(scale)
  pdf.rect(0, 0, board.width, board.height).fill(PAPER)
  drawMap(
    pdfSurface(pdf),
    board,
    record.map.notes,
    judgementScale(record.conference.rounds),
    new Set(record.restricted?.noteIds ?? []),
  )
  pdf.restore()
}

function writeIntegrityPage(pdf: PDFKit.PDFDocument, record: RecordSnapshot): void {
  pdf.addPage({ size: A4, layout: 'portrait' })
  const left = pdf.page.margins.left
  const width = pdf.page.width - 2 * MARGIN
  const line = (label: string, value: string) => {
    pdf.font(pdfFontName('semibold')).fontSize(10.5).fillColor(INK).text(label, left, pdf.y, { width })
    pdf.font(pdfFontName('regular')).fontSize(10.5).text(value, { width })
    pdf.moveDown(0.6)
  }
  pdf.font(pdfFontName('bold')).fontSize(15).fillColor(INK).text('About this record', left, MARGIN, { width })
  pdf.moveDown(0.8)
  line('Map', `${record.title} (map id ${record.mapId})`)
  line(
    'Document version',
    `${record.documentVersion}: the number of the last change to the map that the server had stored when this record was made.`,
  )
  line('SHA-256 of the document', record.documentSha256)
  line(
    'Generated',
    `${formatDateTime(record.generatedAt)} by ${personLabel(record.generatedBy.name, record.generatedBy.role, record.generatedBy.agency)}`,
  )
  if (record.restricted === null) {
    line('Audience', 'The shared map (what every participant, the family included, could see).')
  } else {
    line(
      'Audience',
      `${PROFESSIONALS_BANNER}. The shared map and the professionals' document: every item marked “Professionals only” is from the professionals' document, which the family's devices never received.`,
    )
    line(
      'Professionals’ document version',
      `${record.restricted.documentVersion}: the number of the last change to the professionals' document that the server had stored when this record was made.`,
    )
    line('SHA-256 of the professionals’ document', record.restricted.documentSha256)
    const { audit } = record.restricted
    if (audit !== null) {
      line(
        'Audit trail',
        audit.head === null
          ? `${auditTrailLine(audit)}.`
          : `${auditTrailLine(audit)}. The head in full, the hash of entry ${audit.head.seq}: ${audit.head.hash}`,
      )
    }
  }
  pdf
    .font(pdfFontName('regular'))
    .fontSize(9)
    .fillColor(INK_MUTED)
    .text(
      'The record was generated by the Mapboard server from the map document as stored, not from anyone’s screen. ' +
        'The SHA-256 above is of the whole document state at this version (Yjs encodeStateAsUpdate); the server keeps ' +
        'every record it generates unchanged, with a SHA-256 of its bytes, and the chair can download it again.',
      left,
      pdf.y,
      { width },
    )
}

/** The professionals' banner across the top margin of every page, written once all pages exist. */
function writeBanners(pdf: PDFKit.PDFDocument): void {
  const range = pdf.bufferedPageRange()
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index)
    const { page } = pdf
    const top = page.margins.top
    page.margins.top = 0
    const width = page.width - 2 * MARGIN
    pdf.rect(MARGIN, 14, width, 22).fill(RESTRICTED.banner)
    pdf
      .font(pdfFontName('bold'))
      .fontSize(10)
      .fillColor(RESTRICTED.text)
      .text(PROFESSIONALS_BANNER, MARGIN, 20, { width, align: 'center', lineBreak: false })
    page.margins.top = top
  }
}

/** Map id, version, time and "page x of y" at the foot of every page, written once all pages exist. */
function writeFooters(pdf: PDFKit.PDFDocument, record: RecordSnapshot): void {
  const range = pdf.bufferedPageRange()
  const versions =
    record.restricted === null
      ? `document version ${record.documentVersion}`
      : `shared document version ${record.documentVersion}, professionals' ${record.restricted.documentVersion}`
  const text = `Map ${record.mapId} · ${versions} · generated ${formatDateTime(record.generatedAt)}`
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index)
    const { page } = pdf
    // Writing inside the bottom margin must not start a new page.
    const bottom = page.margins.bottom
    page.margins.bottom = 0
    const y = page.height - MARGIN
    const width = page.width - 2 * MARGIN
    const pageText = `Page ${index + 1} of ${range.count}`
    pdf.font(pdfFontName('regular')).fontSize(8).fillColor(INK_MUTED)
    const pageWidth = pdf.widthOfString(pageText)
    pdf.text(text, MARGIN, y, { width: width - pageWidth - 12, lineBreak: false, ellipsis: true })
    pdf.text(pageText, MARGIN + width - pageWidth, y, { lineBreak: false })
    page.margins.bottom = bottom
  }
}
