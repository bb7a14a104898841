import { expect, it } from 'vitest'
import { restorationMessage } from './restorations.ts'

it('tells the chair when, to which version, and how many changes were set aside', () => {
  const at = new Date(2026, 11, 3, 16, 40).getTime()
  expect(restorationMessage({ restoredAt: at, version: 214, setAside: 2, versions: [208, 209] })).toBe(
    'This map was restored at 16:40, 3 Dec 2026 to version 214. 2 changes that could not be read were set aside ' +
      'and kept for investigation; please check that the map still says what the meeting agreed.',
  )
  expect(restorationMessage({ restoredAt: at, version: 5, setAside: 1, versions: [5] })).toContain(
    '1 change that could not be read was set aside',
  )
})
