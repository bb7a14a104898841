import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, initMap, setLock, updateNote } from '@mapboard/map-model'
import { DEFAULT_UPDATE_LIMITS, checkUpdate } from '../src/rooms/checkUpdate.ts'

const { maxStringLength, maxContentBytes } = DEFAULT_UPDATE_LIMITS

function update(edit: (doc: Y.Doc) => void, base?: Y.Doc): Uint8Array {
  const doc = base ?? new Y.Doc()
  const before = Y.encodeStateVector(doc)
  edit(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

describe('checkUpdate', () => {
  it('accepts what the map-model commands write', () => {
    const doc = new Y.Doc()
    expect(checkUpdate(update((d) => initMap(d, { title: 'Review' }), doc))).toEqual({ ok: true })
    let id = ''
    expect(
      checkUpdate(update((d) => (id = addNote(d, { zone: 'past-harm', text: 'x'.repeat(1000) })), doc)),
    ).toEqual({
      ok: true,
    })
    expect(checkUpdate(update((d) => updateNote(d, id, { text: 'shorter' }), doc))).toEqual({ ok: true })
    expect(checkUpdate(update((d) => setLock(d, 'past-harm', true), doc))).toEqual({ ok: true })
    expect(checkUpdate(update((d) => setLock(d, 'past-harm', false), doc))).toEqual({ ok: true })
    expect(checkUpdate(Y.encodeStateAsUpdate(doc))).toEqual({ ok: true })
  })

  it.each([
    ['an unknown root', (d: Y.Doc) => d.getMap('other').set('a', 1), /unknown root/],
    ['an array root', (d: Y.Doc) => d.getArray('notes').insert(0, [1]), /list content/],
    ['a text root', (d: Y.Doc) => d.getText('meta').insert(0, 'hi'), /list content/],
    ['a sub-document', (d: Y.Doc) => d.getMap('notes').set('n', new Y.Doc()), /sub-document/],
    ['a nested array', (d: Y.Doc) => d.getMap('notes').set('n', new Y.Array()), /only Y.Map/],
    [
      'a long string',
      (d: Y.Doc) => d.getMap('meta').set('title', 'x'.repeat(maxStringLength + 1)),
      /string too long/,
    ],
    ['a long key', (d: Y.Doc) => d.getMap('meta').set('k'.repeat(300), 1), /key too long/],
    [
      'a long string inside an object',
      (d: Y.Doc) => d.getMap('meta').set('o', { a: ['x'.repeat(maxStringLength + 1)] }),
      /string/,
    ],
    ['a deep value', (d: Y.Doc) => d.getMap('meta').set('o', [[[[[[[[[[1]]]]]]]]]]), /deeply/],
    [
      'a big value',
      (d: Y.Doc) =>
        d.getMap('meta').set(
          'o',
          Array.from({ length: Math.ceil(maxContentBytes / 1000) + 1 }, () => 'y'.repeat(1000)),
        ),
      /large/,
    ],
  ])('refuses %s', (_name, edit, reason) => {
    const result = checkUpdate(update(edit))
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.reason).toMatch(reason)
  })

  it('refuses bytes that are not an update', () => {
    expect(checkUpdate(new Uint8Array([1, 2, 3, 4, 5]))).toEqual({ ok: false, reason: 'undecodable update' })
  })
})
