import { describe, expect, it } from 'vitest'
import { EditRefusals, parseRefusal } from './EditRefusals.ts'

describe('EditRefusals', () => {
  it('reads the EditRefusal JSON the server sends as the reason', () => {
    expect(parseRefusal('{"rule":"LOCK-1","message":"Past harm is locked by the chair."}')).toEqual({
      rule: 'LOCK-1',
      message: 'Past harm is locked by the chair.',
    })
  })

  it('falls back to a general message for any other reason', () => {
    for (const reason of ['', 'denied', '{"rule":"X"}', 'null', '[1]']) {
      expect(parseRefusal(reason).message).toBe('The map did not accept that change, so it was undone.')
    }
  })

  it('tells listeners about every refusal, even the same one twice', () => {
    const refusals = new EditRefusals()
    let calls = 0
    refusals.subscribe(() => calls++)
    refusals.receive('{"rule":"OWN-1","message":"You can only change your own notes."}')
    const first = refusals.getLatest()
    refusals.receive('{"rule":"OWN-1","message":"You can only change your own notes."}')
    expect(calls).toBe(2)
    expect(refusals.getLatest()?.seq).toBeGreaterThan(first?.seq ?? 0)
  })
})
