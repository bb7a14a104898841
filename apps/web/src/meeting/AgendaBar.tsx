import { useId, useState, useSyncExternalStore } from 'react'
import { AGENDA_STEPS, agendaStep } from '@mapboard/map-model'
import type { AgendaStepId } from '@mapboard/map-model'
import type { ConferenceCommands } from '../board/ConferenceCommands.ts'
import type { FollowChair } from '../board/FollowChair.ts'
import { runCommand } from '../board/runCommand.ts'

interface AgendaBarProps {
  step: AgendaStepId
  /** The chair's controls (previous, next, a step picker); everyone else just sees where the meeting is. */
  canMove: boolean
  commands: ConferenceCommands
  follow: FollowChair
  meetingOpen: boolean
  /** Whether a closed session lasts now; the chair starts and ends one here. */
  closedSession: boolean
  onToggleMeeting(): void
  onError(message: string): void
}

/** Where the meeting is ("Step 3 of 8 · Worries and what's working well"), for everyone, always on screen. */
export function AgendaBar({
  step,
  canMove,
  commands,
  follow,
  meetingOpen,
  closedSession,
  onToggleMeeting,
  onError,
}: AgendaBarProps) {
  const [applyLocks, setApplyLocks] = useState(true)
  const following = useSyncExternalStore(follow.subscribe, follow.isFollowing)
  const pickerId = useId()
  const index = Math.max(
    0,
    AGENDA_STEPS.findIndex((candidate) => candidate.id === step),
  )
  const current = agendaStep(step)

  const go = (target: AgendaStepId): void => {
    runCommand(
      () => commands.setStep(target, applyLocks),
      onError,
      'The meeting could not move to that step.',
    )
  }
  const previous = AGENDA_STEPS[index - 1]
  const next = AGENDA_STEPS[index + 1]

  return (
    <nav
      className="agenda-bar"
      aria-label="Meeting agenda"
      data-testid="agenda-bar"
      data-step={step}
      data-chair={canMove ? 'true' : 'false'}
    >
      <p className="agenda-current" aria-live="polite" data-testid="agenda-current">
        <span className="agenda-count">
          Step {index + 1} of {AGENDA_STEPS.length}
        </span>
        <span aria-hidden="true"> · </span>
        <span className="agenda-label">{current.label}</span>
        <span className="agenda-purpose"> — {current.purpose}</span>
      </p>
      {canMove && (
        <div className="agenda-controls">
          <button
            type="button"
            className="icon-button"
            aria-label="Previous step"
            disabled={previous === undefined}
            onClick={() => previous && go(previous.id)}
            data-testid="agenda-previous"
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M15 6l-6 6 6 6" />
            </svg>
          </button>
          <label className="visually-hidden" htmlFor={pickerId}>
            Meeting step
          </label>
          <select
            id={pickerId}
            className="agenda-picker"
            value={step}
            onChange={(event) => go(event.target.value as AgendaStepId)}
            data-testid="agenda-picker"
          >
            {AGENDA_STEPS.map((candidate, position) => (
              <option key={candidate.id} value={candidate.id}>
                {position + 1}. {candidate.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="icon-button"
            aria-label="Next step"
            disabled={next === undefined}
            onClick={() => next && go(next.id)}
            data-testid="agenda-next"
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M9 6l6 6-6 6" />
            </svg>
          </button>
          <label className="agenda-locks">
            <input
              type="checkbox"
              checked={applyLocks}
              onChange={(event) => setApplyLocks(event.target.checked)}
              data-testid="agenda-apply-locks"
            />
            <span>
              Apply <span className="agenda-locks-long">this step’s </span>locks
            </span>
          </label>
        </div>
      )}
      {canMove && (
        <button
          type="button"
          className="button button-small closed-session-toggle"
          aria-pressed={closedSession}
          onClick={() =>
            runCommand(
              () => (closedSession ? commands.endClosedSession() : commands.startClosedSession()),
              onError,
            )
          }
          data-testid="closed-session-toggle"
        >
          {closedSession ? 'End closed session' : 'Start closed session'}
        </button>
      )}
      <span className="spacer" />
      {!follow.isChair && (
        <button
          type="button"
          className="button button-small follow-toggle"
          aria-pressed={following}
          onClick={() => follow.setFollowing(!following)}
          data-testid="follow-toggle"
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" className="button-icon">
            <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
            <circle cx="12" cy="12" r="3" />
          </svg>
          {following ? 'Following the chair' : 'Follow the chair'}
        </button>
      )}
      <button
        type="button"
        className="button button-small meeting-button"
        aria-pressed={meetingOpen}
        // Only while the panel is there: an id that points at nothing is worse than none (axe: aria-valid-attr-value).
        aria-controls={meetingOpen ? 'meeting-panel' : undefined}
        onClick={onToggleMeeting}
        data-testid="meeting-button"
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" className="button-icon">
          <path d="M4 5h16v11H8l-4 4zM8 9h8M8 12h5" />
        </svg>
        Meeting
      </button>
    </nav>
  )
}
