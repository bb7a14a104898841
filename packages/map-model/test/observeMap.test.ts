import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addNote, initMap, observeMap, readMap, setLock } from '../src/index.ts'

describe('observeMap', () => {
  test('reports each local and remote change once, with its transaction, until unsubscribed', () => {
    const doc = new Y.Doc()
    const seen: Array<{ origin: unknown; local: boolean; notes: number }> = []
    const stop = observeMap(doc, (tr) =>
      seen.push({ origin: tr.origin, local: tr.local, notes: readMap(doc).notes.length }),
    )

    initMap(doc, { title: 'Map' }, 'a')
    addNote(doc, { zone: 'past-harm', text: 'x' }, 'b')
    setLock(doc, 'past-harm', true, 'c')
    // One transaction touching all three roots is still one report.
    doc.transact(() => {
      doc.getMap('meta').set('title', 'Renamed')
      doc.getMap('locks').delete('past-harm')
      doc.getMap('notes').clear()
    }, 'd')
    const remote = new Y.Doc()
    addNote(remote, { zone: 'next-steps', text: 'from afar' })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'network')

    expect(seen).toEqual([
      { origin: 'a', local: true, notes: 0 },
      { origin: 'b', local: true, notes: 1 },
      { origin: 'c', local: true, notes: 1 },
      { origin: 'd', local: true, notes: 0 },
      { origin: 'network', local: false, notes: 1 },
    ])

    stop()
    addNote(doc, { zone: 'past-harm', text: 'after' })
    expect(seen).toHaveLength(5)
  })

  test('changes to a note’s fields (deep) are reported', () => {
    const doc = new Y.Doc()
    const id = addNote(doc, { zone: 'past-harm', text: 'x' })
    let calls = 0
    observeMap(doc, () => calls++)
    ;(doc.getMap('notes').get(id) as Y.Map<unknown>).set('text', 'y')
    expect(calls).toBe(1)
  })
})
