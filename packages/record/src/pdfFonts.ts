// The record's fonts, registered with one pdfkit document (pdfkit embeds the subset of glyphs used).
import { FONT_WEIGHTS, fontFile } from './fonts.ts'
import type { FontWeight } from './fonts.ts'

export function pdfFontName(weight: FontWeight): string {
  return `NotoSans-${weight}`
}

export function registerPdfFonts(pdf: PDFKit.PDFDocument): void {
  for (const weight of FONT_WEIGHTS) pdf.registerFont(pdfFontName(weight), fontFile(weight))
}
