import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { CURSOR_INTERVAL_MS, RemoteCursors, readCursors } from './RemoteCursors.ts'

const user = (role: unknown, name: unknown = `A ${String(role)}`) => ({ id: 'p', name, role, agency: '' })
const at = (x: unknown, y: unknown) => ({ x, y })

describe('readCursors', () => {
  it('shows the cursors of chair, professionals and family, named as the server stamped them', () => {
    const states = new Map<number, Record<string, unknown>>([
      [3, { user: user('family', 'Jo Smith (Mum)'), cursor: at(10, 20) }],
      [1, { user: user('chair'), cursor: at(-5, 0.5) }],
      [2, { user: user('professional'), cursor: at(300, 400) }],
    ])
    expect(readCursors(states, 99)).toEqual([
      { clientId: 1, name: 'A chair', role: 'chair', x: -5, y: 0.5 },
      { clientId: 2, name: 'A professional', role: 'professional', x: 300, y: 400 },
      { clientId: 3, name: 'Jo Smith (Mum)', role: 'family', x: 10, y: 20 },
    ])
  })

  it("never draws its own cursor, an observer's, or a state without a stamped user", () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: user('chair'), cursor: at(1, 1) }],
      [2, { user: user('viewer'), cursor: at(2, 2) }],
      [3, { cursor: at(3, 3), name: 'Chair', role: 'chair' }],
      [4, { user: null, cursor: at(4, 4) }],
      [5, { user: user('admin'), cursor: at(5, 5) }],
      [6, { user: user('family', '   '), cursor: at(6, 6) }],
      [7, { user: user('family', 42), cursor: at(7, 7) }],
    ])
    expect(readCursors(states, 1)).toEqual([])
  })

  it('ignores anything in `cursor` that is not a point on the board', () => {
    const hostile: unknown[] = [
      undefined,
      null,
      'over here',
      [10, 20],
      at('10', 20),
      at(10, null),
      at(Number.NaN, 0),
      at(0, Number.POSITIVE_INFINITY),
      at(1e9, 0),
      at(0, -1e9),
      { x: { valueOf: () => 1 }, y: 2 },
    ]
    const states = new Map<number, Record<string, unknown>>(
      hostile.map((cursor, index) => [index + 1, { user: user('professional'), cursor }]),
    )
    expect(readCursors(states, 99)).toEqual([])
  })

  it('shortens a very long name for the label', () => {
    const long = 'N'.repeat(500)
    const [cursor] = readCursors(new Map([[1, { user: user('family', long), cursor: at(0, 0) }]]), 9)
    expect(cursor?.name.length).toBe(40)
    expect(cursor?.name.endsWith('…')).toBe(true)
  })
})

describe('RemoteCursors', () => {
  let doc: Y.Doc
  let awareness: Awareness

  beforeEach(() => {
    vi.useFakeTimers()
    doc = new Y.Doc()
    awareness = new Awareness(doc)
  })
  afterEach(() => {
    awareness.destroy()
    doc.destroy()
    vi.useRealTimers()
  })

  const published = (): unknown => awareness.getLocalState()?.['cursor']

  it('publishes at most once per interval while the pointer moves, and always the last position', () => {
    const cursors = new RemoteCursors(awareness, { enabled: true })
    const sets = vi.fn()
    awareness.on('change', sets)
    cursors.move({ x: 1.4, y: 2.6 })
    for (let i = 0; i < 50; i++) cursors.move({ x: 10 + i, y: 20 })
    vi.advanceTimersByTime(0)
    expect(published()).toEqual({ x: 59, y: 20 })
    cursors.move({ x: 100, y: 100 })
    cursors.move({ x: 200, y: 200 })
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS - 1)
    expect(published()).toEqual({ x: 59, y: 20 })
    vi.advanceTimersByTime(1)
    expect(published()).toEqual({ x: 200, y: 200 })
    expect(sets).toHaveBeenCalledTimes(2)
    cursors.move(null)
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS)
    expect(published()).toBeNull()
    cursors.destroy()
  })

  it('disabled (an observer, a phone), it neither publishes nor shows anyone', () => {
    const cursors = new RemoteCursors(awareness, { enabled: false })
    cursors.move({ x: 5, y: 5 })
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS * 2)
    expect(published()).toBeUndefined()
    expect(cursors.getCursors()).toEqual([])
    cursors.destroy()
  })

  it("tells its listeners when someone else's cursor moves, not when nothing it shows changed", () => {
    const otherDoc = new Y.Doc()
    const other = new Awareness(otherDoc)
    const cursors = new RemoteCursors(awareness, { enabled: true })
    const listener = vi.fn()
    cursors.subscribe(listener)
    other.setLocalState({ user: user('chair', 'Sam'), cursor: at(7, 8) })
    // The other tab's state, delivered as the relay would deliver it.
    const relay = (): void =>
      applyAwarenessUpdate(awareness, encodeAwarenessUpdate(other, [other.clientID]), 'remote')
    relay()
    expect(cursors.getCursors()).toEqual([
      { clientId: other.clientID, name: 'Sam', role: 'chair', x: 7, y: 8 },
    ])
    expect(listener).toHaveBeenCalledTimes(1)
    other.setLocalStateField('view', { x: 0 })
    relay()
    expect(listener).toHaveBeenCalledTimes(1)
    cursors.destroy()
    other.destroy()
    otherDoc.destroy()
  })
})
