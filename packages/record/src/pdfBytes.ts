// Collects what a pdfkit document writes into one byte array.

/** Resolves with the document's bytes once `pdf.end()` has been called and pdfkit has finished writing. */
export function pdfBytes(pdf: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  return new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
    pdf.on('end', () => {
      const bytes = Buffer.concat(chunks)
      resolve(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    })
    pdf.on('error', reject)
  })
}
