import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { familyMayExport, initMap, setFamilyMayExport } from '../../src/index.ts'
import { recordTransactions } from '../helpers.ts'
import { Server, chair, family, pro, refusedBy, viewer } from '../permissions/judge.ts'

describe('export policy', () => {
  test('closed until the chair allows it, then open until taken back', () => {
    const doc = new Y.Doc()
    initMap(doc, { title: 'Review', createdAt: 1 })
    expect(familyMayExport(doc)).toBe(false)
    setFamilyMayExport(doc, true)
    expect(familyMayExport(doc)).toBe(true)
    expect(doc.getMap('meta').get('familyMayExport')).toBe(true)
    setFamilyMayExport(doc, false)
    expect(familyMayExport(doc)).toBe(false)
  })

  test('one transaction with the given origin, none when nothing changes', () => {
    const doc = new Y.Doc()
    initMap(doc, { title: 'Review', createdAt: 1 })
    const seen = recordTransactions(doc)
    const origin = { local: true }
    setFamilyMayExport(doc, true, origin)
    setFamilyMayExport(doc, true, origin)
    expect(seen).toHaveLength(1)
    expect(seen[0]?.origin).toBe(origin)
  })

  test('only a literal true opens it', () => {
    const doc = new Y.Doc()
    doc.getMap('meta').set('familyMayExport', 'yes')
    expect(familyMayExport(doc)).toBe(false)
  })
})

describe('[CHAIR-2] only the chair allows the family to export', () => {
  test('a professional, the family or a viewer writing it is refused; the chair is allowed', () => {
    const server = new Server()
    const allow = (doc: Y.Doc) => setFamilyMayExport(doc, true)
    expect(refusedBy(server.judge(pro, allow))).toBe('CHAIR-2')
    expect(refusedBy(server.judge(family, allow))).toBe('CHAIR-2')
    expect(refusedBy(server.judge(viewer, allow))).toBe('VIEW-1')
    expect(familyMayExport(server.doc)).toBe(false)
    expect(server.judge(chair, allow)).toEqual({ allowed: true })
    expect(familyMayExport(server.doc)).toBe(true)
    expect(server.judge(chair, (doc) => setFamilyMayExport(doc, false))).toEqual({ allowed: true })
    expect(familyMayExport(server.doc)).toBe(false)
  })
})
