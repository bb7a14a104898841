import { describe, expect, it } from 'vitest'
import { dispositionFileName, exportFileName, fileSlug, myViewFileName, recordFileName } from './fileNames.ts'

describe('file names for downloads', () => {
  it('takes the server’s name from Content-Disposition', () => {
    expect(dispositionFileName('attachment; filename="mapboard-record-abc-v12-x1.pdf"')).toBe(
      'mapboard-record-abc-v12-x1.pdf',
    )
    expect(dispositionFileName("attachment; filename*=UTF-8''r%C3%A9cord.pdf")).toBe('récord.pdf')
    expect(dispositionFileName('attachment; filename="../../etc/passwd"')).toBe('..-..-etc-passwd')
    expect(dispositionFileName('attachment')).toBeNull()
    expect(dispositionFileName(null)).toBeNull()
  })

  it('otherwise makes one from the title and the version', () => {
    expect(exportFileName('pdf', 'Initial conference — the Smith family', '12')).toBe(
      'mapboard-record-initial-conference-the-smith-family-v12.pdf',
    )
    expect(exportFileName('png', 'Ünïcode café', null)).toBe('mapboard-map-unicode-cafe.png')
    expect(fileSlug('   ')).toBe('map')
  })

  it('names the professionals’ record so it can never be taken for the shared one', () => {
    expect(exportFileName('pdf', 'Review', '7', 'professionals')).toBe(
      'mapboard-professionals-record-review-v7.pdf',
    )
    expect(exportFileName('png', 'Review', null, 'professionals')).toBe(
      'mapboard-professionals-map-review.png',
    )
    expect(exportFileName('pdf', 'Review', '7', 'shared')).not.toMatch(/professionals/)
    // Even a map titled so does not make a shared record look like the professionals' one, or the other way.
    expect(exportFileName('pdf', 'Professionals meeting', '7', 'shared')).toMatch(/^mapboard-record-/)
  })

  it('keeps the server’s name only when it says which record it is', () => {
    const professionals = 'mapboard-professionals-record-abc-v3-p2-x1.pdf'
    const shared = 'mapboard-record-abc-v3-x1.pdf'
    expect(recordFileName(professionals, 'pdf', 'Review', '3', 'professionals')).toBe(professionals)
    expect(recordFileName(shared, 'pdf', 'Review', '3', 'shared')).toBe(shared)
    // A professionals' record under a name that does not say so is renamed, and so is the reverse.
    expect(recordFileName(shared, 'pdf', 'Review', '3', 'professionals')).toBe(
      'mapboard-professionals-record-review-v3.pdf',
    )
    expect(recordFileName(professionals, 'pdf', 'Review', '3', 'shared')).toBe(
      'mapboard-record-review-v3.pdf',
    )
    expect(recordFileName(null, 'png', 'Review', null, 'professionals')).toBe(
      'mapboard-professionals-map-review.png',
    )
  })

  it('says in the name of a saved view that it is not the record', () => {
    expect(myViewFileName('Review', new Date(2026, 10, 3, 9, 5))).toBe(
      'mapboard-my-view-not-the-record-review-2026-11-03-0905.png',
    )
  })
})
