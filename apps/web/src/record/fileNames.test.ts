import { describe, expect, it } from 'vitest'
import { dispositionFileName, exportFileName, fileSlug, myViewFileName } from './fileNames.ts'

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

  it('says in the name of a saved view that it is not the record', () => {
    expect(myViewFileName('Review', new Date(2026, 10, 3, 9, 5))).toBe(
      'mapboard-my-view-not-the-record-review-2026-11-03-0905.png',
    )
  })
})
