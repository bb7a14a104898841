import { describe, expect, it } from 'vitest'
import { judgementScale, judgementSummary } from '../../src/index.ts'
import type { ScaleResult, ScalingRound } from '../../src/index.ts'

const result = (name: string, score: number): ScaleResult => ({
  participantId: name,
  name,
  role: 'professional',
  agency: 'School',
  score,
  reason: `${name} thinks ${score}`,
})

const round = (id: string, over: Partial<ScalingRound>): ScalingRound => ({
  id,
  subject: { kind: 'overall' },
  chairScales: false,
  status: 'revealed',
  openedAt: 1,
  count: 0,
  revealedAt: 10,
  results: [],
  ...over,
})

describe('judgementScale', () => {
  it('is null before any round about the map overall is revealed', () => {
    expect(judgementScale([])).toBeNull()
    expect(judgementScale([round('open', { status: 'open', revealedAt: null })])).toBeNull()
    expect(judgementScale([round('danger', { subject: { kind: 'danger', dangerId: 'd1' } })])).toBeNull()
  })

  it('takes the latest revealed overall round and groups its answers by number, 0 to 10', () => {
    const scale = judgementScale([
      round('first', { revealedAt: 10, results: [result('Ann', 2)] }),
      round('second', { revealedAt: 20, results: [result('Sam', 3), result('Jo', 7), result('Lee', 3)] }),
      round('still open', { status: 'open', revealedAt: null }),
    ])
    expect(scale?.round.id).toBe('second')
    expect(scale?.byScore).toHaveLength(11)
    expect(scale?.byScore[3]?.map((r) => r.name)).toEqual(['Sam', 'Lee'])
    expect(scale?.byScore[7]?.map((r) => r.name)).toEqual(['Jo'])
    expect(scale === null ? '' : judgementSummary(scale)).toBe('Sam 3 · Lee 3 · Jo 7')
  })
})
