// What the judgement band below the columns shows once the chair has revealed a scaling round about the map
// overall: the latest such round, its answers grouped by number. The board and the record's picture both draw it,
// so they agree. Rounds about one danger statement stay in the meeting panel and the written record.
import type { ScaleResult, ScalingRound } from './types.ts'

export interface JudgementScale {
  round: ScalingRound
  /** Index 0–10: the answers that gave that number, in the round's order. */
  byScore: ScaleResult[][]
}

/** The latest revealed round about the map overall, grouped by number; null if there is none yet. */
export function judgementScale(rounds: readonly ScalingRound[]): JudgementScale | null {
  let latest: ScalingRound | null = null
  for (const round of rounds) {
    if (round.status !== 'revealed' || round.subject.kind !== 'overall') continue
    if (latest === null || (round.revealedAt ?? 0) >= (latest.revealedAt ?? 0)) latest = round
  }
  if (latest === null) return null
  const byScore: ScaleResult[][] = Array.from({ length: 11 }, () => [])
  for (const result of latest.results) byScore[result.score]?.push(result)
  return { round: latest, byScore }
}

/** One line saying who gave which number, e.g. "Sam Patel 3 · Alex Morgan 4", lowest number first. */
export function judgementSummary(scale: JudgementScale): string {
  return scale.byScore
    .flatMap((results, score) => results.map((result) => `${result.name} ${score}`))
    .join(' · ')
}
