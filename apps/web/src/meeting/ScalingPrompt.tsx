import { useEffect, useState } from 'react'
import type { ConferenceSnapshot } from '@mapboard/map-model'
import type { Permissions } from '../board/Permissions.ts'
import { ownSubmission } from './scalingApi.ts'

interface ScalingPromptProps {
  mapId: string
  token: string
  rounds: ConferenceSnapshot['rounds']
  permissions: Permissions
  /** Whether the meeting panel is open (it then shows the round itself). */
  meetingOpen: boolean
  onGive(): void
}

/**
 * When the chair opens a scaling round, everyone who is to scale is told on whatever screen they are on — the
 * board, the outline, a phone — until they have given their number. One button takes them to it.
 */
export function ScalingPrompt({
  mapId,
  token,
  rounds,
  permissions,
  meetingOpen,
  onGive,
}: ScalingPromptProps) {
  const open = [...rounds].reverse().find((round) => round.status === 'open')
  const mine = open !== undefined && permissions.canScale(open)
  const [answered, setAnswered] = useState<string | null>(null)
  const roundId = open?.id

  // Asked again each time the panel closes: the answer is given there.
  useEffect(() => {
    if (!mine || roundId === undefined || meetingOpen) return
    let live = true
    ownSubmission(mapId, token, roundId)
      .then((submission) => live && setAnswered(submission === null ? null : roundId))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [mine, roundId, meetingOpen, mapId, token])

  if (!mine || meetingOpen || answered === roundId) return null
  return (
    <div className="scaling-prompt" role="status" data-testid="scaling-prompt">
      <p>The chair has opened a scaling round. Your number and your reason stay private until the reveal.</p>
      <button
        type="button"
        className="button button-primary"
        onClick={onGive}
        data-testid="scaling-prompt-give"
      >
        Give your number
      </button>
    </div>
  )
}
