import { useRef } from 'react'
import { ROLES } from '@mapboard/protocol'
import type { Role } from '@mapboard/protocol'
import type { InviteLinks } from '../join/inviteLinks.ts'
import { CopyButton } from './CopyButton.tsx'
import { Dialog } from './Dialog.tsx'

const WHO: Record<Role, { title: string; description: string }> = {
  chair: {
    title: 'Chair',
    description: 'Your own link. Keep it to yourself: it can lock sections and edit everything.',
  },
  professional: {
    title: 'Professionals',
    description: 'Social worker and agencies: add and edit their information.',
  },
  family: {
    title: 'Family',
    description: 'Parents, carers and young people: see the map and add their own items.',
  },
  viewer: { title: 'Observers', description: 'Students and minute-takers: watch the map live, read-only.' },
}

export function InvitePanel({ links, onClose }: { links: InviteLinks | null; onClose(): void }) {
  const inputs = useRef(new Map<Role, HTMLInputElement>())
  return (
    <Dialog title="Invite people" onClose={onClose} testId="invite-panel">
      {links === null ? (
        <p>
          The invite links were shown when this map was created, in the chair’s browser tab. Open the map from
          that tab to see them again.
        </p>
      ) : (
        <>
          <p className="dialog-lead">
            Send each person the link for their part in the conference. Anyone with a link can join, so share
            it only with them.
          </p>
          <ul className="invite-list">
            {ROLES.map((role) => (
              <li key={role} className="invite-item" data-role={role}>
                <div className="invite-text">
                  <span className="invite-title">{WHO[role].title}</span>
                  <span className="invite-description">{WHO[role].description}</span>
                </div>
                <div className="invite-link-row">
                  <input
                    ref={(element) => {
                      if (element) inputs.current.set(role, element)
                    }}
                    className="invite-link"
                    type="text"
                    readOnly
                    value={links[role]}
                    aria-label={`${WHO[role].title} link`}
                    data-testid={`invite-link-${role}`}
                    onFocus={(event) => event.target.select()}
                  />
                  <CopyButton
                    text={links[role]}
                    label={`Copy ${WHO[role].title.toLowerCase()} link`}
                    fallbackInput={() => inputs.current.get(role) ?? null}
                  />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  )
}
