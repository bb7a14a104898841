import { describe, expect, it } from 'vitest'
import { readChairView } from './FollowChair.ts'

const user = (role: string) => ({ id: role, name: role, role, agency: '' })
const view = (x: number, at = 1) => ({ x, y: 0, width: 1000, height: 500, at })

describe('readChairView', () => {
  it('follows only a state whose server-stamped user is the chair', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: user('professional'), view: view(5) }],
      [2, { user: user('family'), role: 'chair', view: view(6) }],
    ])
    expect(readChairView(states, 9)).toBeNull()
    states.set(3, { user: user('chair'), view: view(7) })
    expect(readChairView(states, 9)?.x).toBe(7)
  })

  it('ignores its own state, malformed views, and picks the latest of two chair tabs', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: user('chair'), view: view(1, 10) }],
      [2, { user: user('chair'), view: view(2, 20) }],
      [3, { user: user('chair'), view: { x: 'a', y: 0, width: 1, height: 1, at: 30 } }],
      [4, { user: user('chair'), view: { ...view(4, 40), width: 0 } }],
    ])
    expect(readChairView(states, 9)?.x).toBe(2)
    expect(readChairView(states, 2)?.x).toBe(1)
  })
})
