import { useId, useState } from 'react'
import { ROLES, isRole } from '@mapboard/protocol'
import type { Role } from '@mapboard/protocol'
import { INVITE_ROLE } from './roleText.ts'

/** How long a new link works; the server allows up to a year. */
const EXPIRY_CHOICES = [
  { hours: 4, label: '4 hours (this meeting)' },
  { hours: 24, label: '1 day' },
  { hours: 7 * 24, label: '1 week' },
  { hours: 30 * 24, label: '30 days' },
] as const

/** Make a new link: for whom, and for how long. */
export function NewLinkForm({ onCreate }: { onCreate(role: Role, expiresInHours: number): Promise<void> }) {
  const [role, setRole] = useState<Role>('family')
  const [hours, setHours] = useState<number>(24)
  const [busy, setBusy] = useState(false)
  const roleId = useId()
  const expiryId = useId()
  return (
    <form
      className="new-link-form"
      data-testid="new-link-form"
      onSubmit={(event) => {
        event.preventDefault()
        if (busy) return
        setBusy(true)
        void onCreate(role, hours).finally(() => setBusy(false))
      }}
    >
      <h3>Make a new link</h3>
      <div className="new-link-fields">
        <div className="field">
          <label className="field-label" htmlFor={roleId}>
            For
          </label>
          <select
            id={roleId}
            value={role}
            data-testid="new-link-role"
            onChange={(event) => {
              if (isRole(event.target.value)) setRole(event.target.value)
            }}
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {INVITE_ROLE[option].title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={expiryId}>
            Works for
          </label>
          <select
            id={expiryId}
            value={hours}
            data-testid="new-link-expiry"
            onChange={(event) => setHours(Number(event.target.value))}
          >
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.hours} value={choice.hours}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="button button-primary new-link-create"
          disabled={busy}
          data-testid="new-link-create"
        >
          {busy ? 'Making…' : 'Make link'}
        </button>
      </div>
    </form>
  )
}
