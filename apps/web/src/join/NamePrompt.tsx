import { useState } from 'react'
import type { Role } from '@mapboard/protocol'
import { Logo } from '../ui/Logo.tsx'
import type { Identity } from './identity.ts'

// The server keeps at most 80 characters of a name or an agency.
const MAX_NAME = 80

const JOINING_AS: Record<Role, string> = {
  chair: 'You are joining as the chair.',
  professional: 'You are joining as a professional.',
  family: 'You are joining as family.',
  viewer: 'You are joining as an observer: you can watch the map but not change it.',
}

/**
 * Nobody signs in: people say who they are, and everyone in the meeting sees that name. Professionals also say
 * which agency they are from (it goes on every item they add); the chair may. `roleHint` only words the form.
 */
export function NamePrompt({
  roleHint,
  initial,
  onJoin,
}: {
  roleHint: Role | null
  initial: Identity
  /** Rejects with a message to show when the join did not go through. */
  onJoin(identity: Identity): Promise<void>
}) {
  const [name, setName] = useState(initial.name)
  const [agency, setAgency] = useState(initial.agency)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const asksAgency = roleHint === null || roleHint === 'professional' || roleHint === 'chair'
  const needsAgency = roleHint === 'professional'
  const ready = name.trim() !== '' && (!needsAgency || agency.trim() !== '')

  const submit = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await onJoin({ name: name.trim(), agency: asksAgency ? agency.trim() : '' })
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Something went wrong. Try again.')
      setBusy(false)
    }
  }

  return (
    <main className="centred-page">
      <form
        className="card join-card"
        data-testid="name-prompt"
        onSubmit={(event) => {
          event.preventDefault()
          if (ready && !busy) void submit()
        }}
      >
        <div className="card-brand">
          <Logo size={36} />
          <span>Mapboard</span>
        </div>
        <h1>Join the map</h1>
        <p className="lead">
          {roleHint ? JOINING_AS[roleHint] : 'You have been invited to a shared map.'} Everyone in the meeting
          will see your name{needsAgency ? ' and agency' : ''}.
        </p>
        <label className="field">
          <span className="field-label">Your name</span>
          <input
            type="text"
            autoComplete="name"
            required
            maxLength={MAX_NAME}
            value={name}
            autoFocus
            data-testid="name-input"
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        {asksAgency && (
          <label className="field">
            <span className="field-label">
              Your agency{' '}
              <span className="optional">
                {needsAgency ? '(e.g. “Riverside Primary School”)' : '(if you are here for one)'}
              </span>
            </span>
            <input
              type="text"
              autoComplete="organization"
              required={needsAgency}
              maxLength={MAX_NAME}
              value={agency}
              data-testid="agency-input"
              onChange={(event) => setAgency(event.target.value)}
            />
          </label>
        )}
        {error !== null && (
          <p className="form-error" role="alert" data-testid="join-error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="button button-primary button-wide"
          disabled={!ready || busy}
          data-testid="join-button"
        >
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </main>
  )
}
