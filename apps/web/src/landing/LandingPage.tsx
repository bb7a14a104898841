import { useState } from 'react'
import { MAX_TITLE_TEXT } from '@mapboard/map-model'
import { markInviteOnArrival } from '../join/inviteOnArrival.ts'
import { ScheduleFields } from '../newInformation/ScheduleFields.tsx'
import { EMPTY_SCHEDULE_DRAFT, scheduleOfDraft } from '../newInformation/scheduleDraft.ts'
import { keepScheduleForArrival } from '../newInformation/scheduleOnArrival.ts'
import { Logo } from '../ui/Logo.tsx'
import { CreateMapError, createMap } from './createMap.ts'

/** `/`: what Mapboard is, and a form for the chair to create a map. */
export function LandingPage({ navigate }: { navigate(to: string): void }) {
  const [title, setTitle] = useState('')
  const [adminToken, setAdminToken] = useState('')
  const [needsToken, setNeedsToken] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [schedule, setSchedule] = useState(EMPTY_SCHEDULE_DRAFT)

  const submit = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      // Read before creating, so a mistyped date is fixed before the map exists.
      const when = scheduleOfDraft(schedule)
      const created = await createMap(title.trim(), needsToken ? adminToken.trim() : undefined)
      markInviteOnArrival(created.id)
      // POST /api/maps takes only the title: the schedule is written by the chair's board once joined.
      if (when !== null) keepScheduleForArrival(created.id, when)
      // Stay on this origin whatever host the server put in the link; the token rides in the fragment.
      const chair = new URL(created.links.chair, window.location.href)
      navigate(chair.pathname + chair.hash)
    } catch (caught) {
      if (caught instanceof CreateMapError && caught.status === 401) {
        setNeedsToken(true)
        setError(
          needsToken
            ? 'That access code was not accepted.'
            : 'This server needs an access code to create maps.',
        )
      } else {
        setError(caught instanceof Error ? caught.message : 'Something went wrong. Try again.')
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="landing">
      <div className="landing-inner">
        <div className="card-brand landing-brand">
          <Logo size={40} />
          <span>Mapboard</span>
        </div>
        <h1 className="landing-headline">
          A live shared board for Signs of Safety mapping at child protection conferences.
        </h1>
        <p className="landing-lead">
          The chair, the family and every agency build one map together — each on their own laptop, tablet or
          phone.
        </p>
        <form
          className="card create-card"
          data-testid="create-map-form"
          onSubmit={(event) => {
            event.preventDefault()
            if (!busy && title.trim() !== '') void submit()
          }}
        >
          <h2>Start a map</h2>
          <label className="field">
            <span className="field-label">Map title</span>
            <input
              type="text"
              required
              maxLength={MAX_TITLE_TEXT}
              value={title}
              placeholder="e.g. Initial conference — the Smith family"
              data-testid="map-title-input"
              onChange={(event) => setTitle(event.target.value)}
            />
          </label>
          <fieldset className="field landing-schedule">
            <legend className="field-label">When is the conference?</legend>
            <ScheduleFields draft={schedule} onChange={setSchedule} />
          </fieldset>
          {needsToken && (
            <label className="field">
              <span className="field-label">Access code</span>
              <input
                type="password"
                autoComplete="off"
                value={adminToken}
                onChange={(event) => setAdminToken(event.target.value)}
              />
            </label>
          )}
          {error !== null && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button
            type="submit"
            className="button button-primary button-wide"
            disabled={busy || title.trim() === ''}
            data-testid="create-map-button"
          >
            {busy ? 'Creating…' : 'Create map'}
          </button>
          <p className="field-hint">
            You will be the chair. Next you get the links to invite professionals, the family and observers —
            nobody needs an account.
          </p>
        </form>
        <ul className="landing-points">
          <li>
            <strong>What are we worried about?</strong>{' '}
            <span>Past harm, future danger, complicating factors.</span>
          </li>
          <li>
            <strong>What's working well?</strong> <span>Existing strengths and existing safety.</span>
          </li>
          <li>
            <strong>What needs to happen?</strong> <span>Safety goals and next steps.</span>
          </li>
        </ul>
      </div>
    </main>
  )
}
