// MapSurface over a pdfkit document (the PDF's map page): vector shapes and real, selectable text in the
// embedded font. The caller places the board on the page with a transform.
import type { FontWeight } from './fonts.ts'
import { cachedMeasure } from './MapSurface.ts'
import type { MapSurface } from './MapSurface.ts'
import { pdfFontName } from './pdfFonts.ts'

export function pdfSurface(pdf: PDFKit.PDFDocument): MapSurface {
  const measureAt = (text: string, weight: FontWeight, size: number): number => {
    pdf.font(pdfFontName(weight)).fontSize(size)
    return pdf.widthOfString(text)
  }
  return {
    measure: cachedMeasure(measureAt),
    roundRect(x, y, width, height, radius, style) {
      const r = Math.min(radius, width / 2, height / 2)
      pdf.save()
      pdf.roundedRect(x, y, width, height, r)
      pdf.fillOpacity(style.opacity ?? 1)
      if (style.stroke === undefined) pdf.fill(style.fill)
      else pdf.lineWidth(1).fillAndStroke(style.fill, style.stroke)
      pdf.restore()
    },
    text(text, x, y, style) {
      if (text === '') return
      pdf
        .font(pdfFontName(style.weight))
        .fontSize(style.size)
        .fillColor(style.colour)
        .text(text, x, y, { lineBreak: false, baseline: 'alphabetic' })
    },
  }
}
