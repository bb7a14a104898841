import { useEffect, useId, useState } from 'react'
import { SCALING_QUESTION } from '@mapboard/map-model'
import type { ConferenceSnapshot, ScalingRound } from '@mapboard/map-model'
import type { ScalingSubmission } from '@mapboard/protocol'
import type { Permissions } from '../board/Permissions.ts'
import type { Participant } from '../board/Presence.ts'
import { formatTime } from '../ui/dates.ts'
import { ScalePicker, ScaleResults } from './ScaleLine.tsx'
import { openRound, ownSubmission, revealRound, submitScale } from './scalingApi.ts'

interface ScalingPanelProps {
  mapId: string
  token: string
  conference: ConferenceSnapshot
  permissions: Permissions
  participants: Participant[]
  onError(message: string): void
}

const message = (error: unknown, fallback: string): string =>
  error instanceof Error ? error.message : fallback

/**
 * Blind scaling: the chair opens a round; each person picks a number and says why, seeing only how many have
 * answered; the chair reveals them all at once. The question is always on screen, word for word.
 */
export function ScalingPanel({
  mapId,
  token,
  conference,
  permissions,
  participants,
  onError,
}: ScalingPanelProps) {
  const { rounds, dangers } = conference
  const open = [...rounds].reverse().find((round) => round.status === 'open')
  const revealed = rounds.filter((round) => round.status === 'revealed').reverse()
  const subjectLabel = (round: ScalingRound): string => {
    if (round.subject.kind === 'overall') return 'The map overall'
    const { dangerId } = round.subject
    const danger = dangers.find((candidate) => candidate.id === dangerId)
    return danger ? `Danger statement ${danger.number}` : 'A danger statement since removed'
  }

  return (
    <div className="meeting-section" data-testid="scaling-panel">
      <blockquote className="scaling-question" data-testid="scaling-question">
        {SCALING_QUESTION}
      </blockquote>
      {open ? (
        <OpenRound
          key={open.id}
          round={open}
          label={subjectLabel(open)}
          mapId={mapId}
          token={token}
          permissions={permissions}
          participants={participants}
          onError={onError}
        />
      ) : permissions.canRunMeeting ? (
        <NewRoundForm mapId={mapId} token={token} dangers={dangers} onError={onError} />
      ) : (
        <p className="meeting-empty">
          No scaling round is open. The chair opens one when the meeting is ready.
        </p>
      )}
      {revealed.length > 0 && (
        <section className="scaling-rounds" aria-label="Revealed rounds">
          {revealed.map((round, index) => (
            <details
              key={round.id}
              className="scaling-round"
              open={index === 0}
              data-testid="scaling-round-revealed"
            >
              <summary>
                {index === 0 ? 'Latest: ' : 'Earlier: '}
                {subjectLabel(round)} · revealed {formatTime(round.revealedAt ?? round.openedAt)} ·{' '}
                {round.results.length} {round.results.length === 1 ? 'answer' : 'answers'}
              </summary>
              <ScaleResults results={round.results} />
            </details>
          ))}
        </section>
      )}
    </div>
  )
}

function NewRoundForm({
  mapId,
  token,
  dangers,
  onError,
}: {
  mapId: string
  token: string
  dangers: ConferenceSnapshot['dangers']
  onError(message: string): void
}) {
  const [subject, setSubject] = useState('overall')
  const [chairScales, setChairScales] = useState(false)
  const [busy, setBusy] = useState(false)
  const id = useId()
  return (
    <form
      className="meeting-form"
      data-testid="scaling-new-round"
      onSubmit={(event) => {
        event.preventDefault()
        setBusy(true)
        openRound(mapId, token, {
          subject: subject === 'overall' ? 'overall' : { dangerId: subject },
          chairScales,
        })
          .catch((error: unknown) => onError(message(error, 'The round could not be opened.')))
          .finally(() => setBusy(false))
      }}
    >
      <h3 className="meeting-form-title">Open a scaling round</h3>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-subject`}>
          What are people scaling?
        </label>
        <select
          id={`${id}-subject`}
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
          data-testid="scaling-subject"
        >
          <option value="overall">The map overall</option>
          {dangers.map((danger) => (
            <option key={danger.id} value={danger.id}>
              Danger statement {danger.number}
            </option>
          ))}
        </select>
      </div>
      <label className="check-field">
        <input
          type="checkbox"
          checked={chairScales}
          onChange={(event) => setChairScales(event.target.checked)}
          data-testid="scaling-chair-scales"
        />
        The chair scales too
      </label>
      <button type="submit" className="button button-primary" disabled={busy} data-testid="scaling-open">
        Open the round
      </button>
    </form>
  )
}

function OpenRound({
  round,
  label,
  mapId,
  token,
  permissions,
  participants,
  onError,
}: {
  round: ScalingRound
  label: string
  mapId: string
  token: string
  permissions: Permissions
  participants: Participant[]
  onError(message: string): void
}) {
  const [revealing, setRevealing] = useState(false)
  // Who is here and may answer: the count is of those, or of the answers if more have answered (some left).
  const eligible = participants.filter(
    (person) =>
      person.role === 'professional' ||
      person.role === 'family' ||
      (person.role === 'chair' && round.chairScales),
  ).length
  const total = Math.max(eligible, round.count)
  return (
    <section className="scaling-open" aria-label="Open round" data-testid="scaling-open-round">
      <h3 className="meeting-form-title">Scaling now: {label}</h3>
      <p className="scaling-count" aria-live="polite" data-testid="scaling-count">
        {round.count} of {total} have scaled
      </p>
      <p className="meeting-meta">
        Numbers stay private until the chair reveals them all together.
        {round.chairScales ? ' The chair scales too.' : ' The chair does not scale in this round.'}
      </p>
      {permissions.canScale(round) && (
        <MyScale mapId={mapId} token={token} roundId={round.id} onError={onError} />
      )}
      {permissions.canRunMeeting && (
        <button
          type="button"
          className="button button-primary"
          disabled={revealing || round.count === 0}
          data-testid="scaling-reveal"
          onClick={() => {
            setRevealing(true)
            revealRound(mapId, token, round.id)
              .catch((error: unknown) => onError(message(error, 'The numbers could not be revealed.')))
              .finally(() => setRevealing(false))
          }}
        >
          Reveal everyone’s numbers
        </button>
      )}
    </section>
  )
}

function MyScale({
  mapId,
  token,
  roundId,
  onError,
}: {
  mapId: string
  token: string
  roundId: string
  onError(message: string): void
}) {
  const [mine, setMine] = useState<ScalingSubmission | null | undefined>(undefined)
  const [editing, setEditing] = useState(false)
  const [score, setScore] = useState<number | null>(null)
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const id = useId()

  useEffect(() => {
    let live = true
    ownSubmission(mapId, token, roundId)
      .then((submission) => {
        if (!live) return
        setMine(submission)
        if (submission) {
          setScore(submission.score)
          setReason(submission.reason)
        }
      })
      .catch(() => live && setMine(null))
    return () => {
      live = false
    }
  }, [mapId, token, roundId])

  if (mine === undefined) return <p className="meeting-meta">Loading your answer…</p>

  if (mine !== null && !editing) {
    return (
      <div className="my-scale" data-testid="my-scale">
        <p>
          You chose <strong data-testid="my-scale-score">{mine.score}</strong>: {mine.reason}
        </p>
        <p className="meeting-meta">You can change it until the chair reveals the numbers.</p>
        <button type="button" className="button button-small" onClick={() => setEditing(true)}>
          Change my answer
        </button>
      </div>
    )
  }

  return (
    <form
      className="meeting-form"
      data-testid="scale-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        if (score === null) return setProblem('Pick a number from 0 to 10.')
        if (reason.trim() === '') return setProblem('Say why you chose that number.')
        setProblem(null)
        setBusy(true)
        submitScale(mapId, token, roundId, { score, reason: reason.trim() })
          .then((submission) => {
            setMine(submission)
            setEditing(false)
          })
          .catch((error: unknown) => onError(message(error, 'Your answer could not be sent.')))
          .finally(() => setBusy(false))
      }}
    >
      <ScalePicker
        value={score}
        onChange={(next) => {
          setScore(next)
          setProblem(null)
        }}
        name={`${id}-score`}
      />
      <div className="field">
        <label className="field-label" htmlFor={`${id}-reason`}>
          Why this number?
        </label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          required
          value={reason}
          onChange={(event) => {
            setReason(event.target.value)
            setProblem(null)
          }}
          data-testid="scale-reason"
        />
      </div>
      {problem !== null && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy} data-testid="scale-submit">
        {mine ? 'Send my new answer' : 'Send my answer'}
      </button>
    </form>
  )
}
