import { useState } from 'react'
import type { Role } from '@mapboard/protocol'
import { Logo } from '../ui/Logo.tsx'
import type { Identity } from './identity.ts'

const MAX_NAME = 100

const JOINING_AS: Record<Role, string> = {
  chair: 'You are joining as the chair.',
  professional: 'You are joining as a professional.',
  family: 'You are joining as family.',
  viewer: 'You are joining as an observer: you can watch the map but not change it.',
}

/** Nobody signs in: people say who they are, and everyone in the meeting sees that name. */
export function NamePrompt({
  role,
  initial,
  onJoin,
}: {
  role: Role | null
  initial: Identity
  onJoin(identity: Identity): void
}) {
  const [name, setName] = useState(initial.name)
  const [agency, setAgency] = useState(initial.agency)
  const asksAgency = role === null || role === 'professional' || role === 'chair'
  return (
    <main className="centred-page">
      <form
        className="card join-card"
        data-testid="name-prompt"
        onSubmit={(event) => {
          event.preventDefault()
          if (name.trim() !== '') onJoin({ name: name.trim(), agency: asksAgency ? agency.trim() : '' })
        }}
      >
        <div className="card-brand">
          <Logo size={36} />
          <span>Mapboard</span>
        </div>
        <h1>Join the map</h1>
        <p className="lead">
          {role ? JOINING_AS[role] : 'You have been invited to a shared map.'} Everyone in the meeting will
          see your name.
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
              Agency <span className="optional">(for professionals, e.g. “Riverside Primary School”)</span>
            </span>
            <input
              type="text"
              autoComplete="organization"
              maxLength={MAX_NAME}
              value={agency}
              data-testid="agency-input"
              onChange={(event) => setAgency(event.target.value)}
            />
          </label>
        )}
        <button
          type="submit"
          className="button button-primary button-wide"
          disabled={name.trim() === ''}
          data-testid="join-button"
        >
          Join
        </button>
      </form>
    </main>
  )
}
