import { useState } from 'react'
import type { Role } from '@mapboard/protocol'
import type { Participant } from '../board/Presence.ts'
import { Dialog } from './Dialog.tsx'

export const ROLE_LABEL: Record<Role, string> = {
  chair: 'Chair',
  professional: 'Professional',
  family: 'Family',
  viewer: 'Observer',
}

function initials(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean)
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase()
}

/** "Who's here": always one tap away (product.md, fair process). */
export function PresenceList({ participants }: { participants: Participant[] }) {
  const [open, setOpen] = useState(false)
  const shown = participants.slice(0, 3)
  return (
    <>
      <button
        type="button"
        className="presence-button"
        aria-label={`${participants.length} ${participants.length === 1 ? 'person' : 'people'} here — show who`}
        onClick={() => setOpen(true)}
        data-testid="presence-button"
      >
        <span className="avatars" aria-hidden="true">
          {shown.map((person) => (
            <span key={person.key} className="avatar" data-me={person.isMe ? 'true' : undefined}>
              {initials(person.name)}
            </span>
          ))}
        </span>
        <span className="presence-count">{participants.length}</span>
      </button>
      {open && (
        <Dialog title="Who’s here" onClose={() => setOpen(false)} testId="roster">
          <ul className="roster">
            {participants.map((person) => (
              <li key={person.key} data-testid="roster-person" data-role={person.role ?? undefined}>
                <span className="avatar" aria-hidden="true">
                  {initials(person.name)}
                </span>
                <span className="roster-name">
                  {person.name}
                  {person.isMe ? ' (you)' : ''}
                  {person.connections > 1 ? (
                    <span className="roster-devices"> · on {person.connections} devices</span>
                  ) : null}
                </span>
                <span className="roster-detail">
                  {[person.role ? ROLE_LABEL[person.role] : null, person.agency].filter(Boolean).join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </Dialog>
      )}
    </>
  )
}
