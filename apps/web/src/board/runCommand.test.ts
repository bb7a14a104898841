import { MapValidationError } from '@mapboard/map-model'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { GENERAL_NOTICE, runCommand } from './runCommand.ts'

describe('runCommand', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('runs the command and says nothing when it goes through', () => {
    const notices: string[] = []
    let ran = 0
    expect(
      runCommand(
        () => void ran++,
        (message) => notices.push(message),
      ),
    ).toBe(true)
    expect(ran).toBe(1)
    expect(notices).toEqual([])
  })

  it("shows a MapValidationError's own message, which is written for people", () => {
    const notices: string[] = []
    const ok = runCommand(
      () => {
        throw new MapValidationError('NOTE_TEXT_EMPTY', 'text', 'A note needs some text.')
      },
      (message) => notices.push(message),
    )
    expect(ok).toBe(false)
    expect(notices).toEqual(['A note needs some text.'])
  })

  it('shows a general notice for any other failure, never its message, and logs the error', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const fault = new TypeError("Cannot read properties of undefined (reading 'get')")
    for (const thrown of [fault, 'a string', undefined]) {
      const notices: string[] = []
      const ok = runCommand(
        () => {
          throw thrown
        },
        (message) => notices.push(message),
      )
      expect(ok).toBe(false)
      expect(notices).toEqual([GENERAL_NOTICE])
    }
    expect(logged.mock.calls).toEqual([[fault], ['a string'], [undefined]])
  })

  it('says what could not be done when the caller knows better than the general notice', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const notices: string[] = []
    runCommand(
      () => {
        throw new Error('no doc')
      },
      (message) => notices.push(message),
      'The meeting could not move to that step.',
    )
    expect(notices).toEqual(['The meeting could not move to that step.'])
  })
})
