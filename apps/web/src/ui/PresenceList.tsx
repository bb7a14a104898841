import type { Role } from '@mapboard/protocol'
import type { Participant } from '../board/Presence.ts'
import { initials } from './initials.ts'

export const ROLE_LABEL: Record<Role, string> = {
  chair: 'Chair',
  professional: 'Professional',
  family: 'Family',
  viewer: 'Observer',
}

/**
 * "Who's here": always one tap away (product.md, fair process). The avatars open the meeting's roster: who is here
 * now, who has left and when each joined, and apologies.
 */
export function PresenceList({ participants, onOpen }: { participants: Participant[]; onOpen(): void }) {
  const shown = participants.slice(0, 3)
  const people = participants.length === 1 ? 'person' : 'people'
  // Named by its content, not an aria-label, so the name begins with the count people see (WCAG 2.5.3, label
  // in name); the initials are decoration, the roster says who is who.
  return (
    <button type="button" className="presence-button" onClick={onOpen} data-testid="presence-button">
      <span className="avatars" aria-hidden="true">
        {shown.map((person) => (
          <span key={person.key} className="avatar" data-me={person.isMe ? 'true' : undefined}>
            {initials(person.name)}
          </span>
        ))}
      </span>
      <span className="presence-count">{participants.length}</span>
      <span className="visually-hidden">{` ${people} here — show the roster`}</span>
    </button>
  )
}
