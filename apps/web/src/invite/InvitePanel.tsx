import { useCallback, useEffect, useMemo, useState } from 'react'
import type { LinkInfo, Role } from '@mapboard/protocol'
import { ApiError } from '../api/apiRequest.ts'
import { Dialog } from '../ui/Dialog.tsx'
import { InviteLinkCard } from './InviteLinkCard.tsx'
import { createLink, linkStatus, listLinks, revokeLink } from './inviteLinks.ts'
import { NewLinkForm } from './NewLinkForm.tsx'

interface InvitePanelProps {
  mapId: string
  /** The chair's participant token: the links API is the chair's alone. */
  token: string
  /** The link this tab joined with, if known: it is marked, and not offered for withdrawal. */
  myLinkId: string | null
  onClose(): void
}

// The people the chair invites come first; the chair's own links last.
const ORDER: readonly Role[] = ['professional', 'family', 'viewer', 'chair']
const roleOrder = (role: Role): number => ORDER.indexOf(role)

/**
 * The chair's invite links: every link with its role, expiry and status, to copy or show as a QR code for people
 * in the room; a new link for a role with an expiry; and withdrawal, which disconnects everyone who used it.
 */
export function InvitePanel({ mapId, token, myLinkId, onClose }: InvitePanelProps) {
  const [links, setLinks] = useState<LinkInfo[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [openQr, setOpenQr] = useState<string | null>(null)
  const [fresh, setFresh] = useState<string | null>(null)
  const [now, setNow] = useState(() => Date.now())

  const load = useCallback(async () => {
    setLoadError(null)
    try {
      setLinks(await listLinks(mapId, token))
      setNow(Date.now())
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : 'The links could not be loaded.')
    }
  }, [mapId, token])

  useEffect(() => {
    void load()
  }, [load])

  const { current, past } = useMemo(() => {
    const sorted = [...(links ?? [])].sort(
      (a, b) => roleOrder(a.role) - roleOrder(b.role) || b.createdAt - a.createdAt,
    )
    return {
      current: sorted.filter((link) => linkStatus(link, now) === 'active'),
      past: sorted.filter((link) => linkStatus(link, now) !== 'active'),
    }
  }, [links, now])

  const create = async (role: Role, expiresInHours: number): Promise<void> => {
    setProblem(null)
    try {
      const link = await createLink(mapId, token, { role, expiresInHours })
      setLinks((previous) => [link, ...(previous ?? [])])
      setNow(Date.now())
      setOpenQr(link.id)
      setFresh(link.id)
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The link could not be made.')
    }
  }

  const withdraw = async (link: LinkInfo): Promise<boolean> => {
    setProblem(null)
    try {
      await revokeLink(mapId, token, link.id)
      const revokedAt = Date.now()
      setLinks((previous) =>
        (previous ?? []).map((candidate) =>
          candidate.id === link.id ? { ...candidate, revokedAt } : candidate,
        ),
      )
      if (openQr === link.id) setOpenQr(null)
      return true
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.status === 409
          ? 'This is the link you are using, so it cannot be withdrawn from here.'
          : error instanceof Error
            ? error.message
            : 'The link could not be withdrawn.',
      )
      return false
    }
  }

  return (
    <Dialog title="Invite people" onClose={onClose} testId="invite-panel" className="dialog-invite">
      <p className="dialog-lead">
        Send each person the link for their part, or let people in the room scan its QR code. Anyone with a
        link can join, so share it only with the people it is for.
      </p>
      {problem !== null && (
        <p className="form-error" role="alert" data-testid="invite-problem">
          {problem}
        </p>
      )}
      {links === null ? (
        loadError === null ? (
          <p className="invite-loading" aria-busy="true">
            Loading the links…
          </p>
        ) : (
          <div className="form-error" role="alert">
            <p>{loadError}</p>
            <button type="button" className="button button-small" onClick={() => void load()}>
              Try again
            </button>
          </div>
        )
      ) : (
        <>
          <ul className="invite-list" aria-label="Links in use">
            {current.map((link) => (
              <InviteLinkCard
                key={link.id}
                link={link}
                status="active"
                mine={link.id === myLinkId}
                fresh={link.id === fresh}
                qrOpen={openQr === link.id}
                onToggleQr={() => setOpenQr((open) => (open === link.id ? null : link.id))}
                onWithdraw={() => withdraw(link)}
              />
            ))}
          </ul>
          {current.length === 0 && <p className="invite-empty">No link is in use. Make one below.</p>}
          <NewLinkForm onCreate={create} />
          {past.length > 0 && (
            <details className="invite-past" data-testid="invite-past">
              <summary>Withdrawn and expired links ({past.length})</summary>
              <ul className="invite-list">
                {past.map((link) => (
                  <InviteLinkCard
                    key={link.id}
                    link={link}
                    status={linkStatus(link, now)}
                    mine={link.id === myLinkId}
                    fresh={false}
                    qrOpen={false}
                  />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </Dialog>
  )
}
