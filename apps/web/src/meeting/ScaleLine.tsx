import type { ScaleResult } from '@mapboard/map-model'
import { initials } from '../ui/initials.ts'
import { ROLE_LABEL } from '../ui/PresenceList.tsx'

const POINTS = Array.from({ length: 11 }, (_, score) => score)

/** The two ends, in the scaling question's words. 0 is always at the left, 10 (safe) at the right. */
function ScaleEnds() {
  return (
    <div className="scale-ends" aria-hidden="true">
      <span>
        <strong>0</strong> the child cannot live at home
      </span>
      <span>
        <strong>10</strong> safe enough to close the case
      </span>
    </div>
  )
}

/** Pick a whole number from 0 to 10 on the line. */
export function ScalePicker({
  value,
  onChange,
  name,
}: {
  value: number | null
  onChange(score: number): void
  name: string
}) {
  return (
    <fieldset className="scale-picker" data-testid="scale-picker">
      <legend className="field-label">My number</legend>
      <div className="scale-points">
        {POINTS.map((score) => (
          <label key={score} className="scale-point">
            <input
              type="radio"
              name={name}
              value={score}
              checked={value === score}
              onChange={() => onChange(score)}
              aria-label={
                score === 0
                  ? '0, things are so bad the child cannot live at home'
                  : score === 10
                    ? '10, safe enough for the case to be closed'
                    : String(score)
              }
              data-testid={`scale-point-${score}`}
            />
            <span>{score}</span>
          </label>
        ))}
      </div>
      <ScaleEnds />
    </fieldset>
  )
}

/** Everyone's numbers after the reveal, as markers on the same 0–10 line, and who gave each and why. */
export function ScaleResults({ results }: { results: readonly ScaleResult[] }) {
  const byScore = new Map<number, ScaleResult[]>()
  for (const result of results) byScore.set(result.score, [...(byScore.get(result.score) ?? []), result])
  return (
    <div className="scale-results" data-testid="scale-results">
      <div className="scale-track" role="img" aria-label={describe(results)}>
        <div className="scale-ticks" aria-hidden="true">
          {POINTS.map((score) => (
            <span key={score}>{score}</span>
          ))}
        </div>
        {[...byScore].map(([score, people]) => (
          <span
            key={score}
            className="scale-marker"
            style={{ left: `${score * 10}%` }}
            title={people.map((person) => person.name).join(', ')}
            data-testid="scale-marker"
            data-score={score}
          >
            {people.map((person) => initials(person.name)).join(' ')}
          </span>
        ))}
      </div>
      <ScaleEnds />
      <ul className="scale-reasons">
        {results.map((result) => (
          <li key={result.participantId} data-testid="scale-result" data-score={result.score}>
            <span className="scale-reason-score">{result.score}</span>
            <span>
              <strong>{result.name}</strong>
              <span className="meeting-meta">
                {' '}
                {[ROLE_LABEL[result.role], result.agency].filter(Boolean).join(' · ')}
              </span>
              <span className="scale-reason-text">{result.reason}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}

function describe(results: readonly ScaleResult[]): string {
  if (results.length === 0) return 'Nobody scaled in this round.'
  return `Scores on the line from 0 to 10: ${results.map((result) => `${result.name} ${result.score}`).join(', ')}.`
}
