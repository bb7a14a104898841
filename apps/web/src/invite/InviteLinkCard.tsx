import { useEffect, useRef, useState } from 'react'
import type { LinkInfo } from '@mapboard/protocol'
import { CopyButton } from '../ui/CopyButton.tsx'
import type { LinkStatus } from './inviteLinks.ts'
import { QrCode } from './QrCode.tsx'
import { INVITE_ROLE, formatWhen } from './roleText.ts'

interface InviteLinkCardProps {
  link: LinkInfo
  status: LinkStatus
  /** The link this tab joined with. */
  mine: boolean
  /** Just made: scrolled into view. */
  fresh: boolean
  qrOpen: boolean
  onToggleQr?(): void
  /** Resolves true once withdrawn. Absent for links that are no longer in use. */
  onWithdraw?(): Promise<boolean>
}

function statusText(link: LinkInfo, status: LinkStatus): string {
  if (status === 'withdrawn') return `Withdrawn ${formatWhen(link.revokedAt ?? link.expiresAt)}`
  if (status === 'expired') return `Expired ${formatWhen(link.expiresAt)}`
  return `Works until ${formatWhen(link.expiresAt)}`
}

/** One invite link: role, status and expiry; copy, QR code and withdraw (with a confirmation). */
export function InviteLinkCard({
  link,
  status,
  mine,
  fresh,
  qrOpen,
  onToggleQr,
  onWithdraw,
}: InviteLinkCardProps) {
  const who = INVITE_ROLE[link.role]
  const input = useRef<HTMLInputElement>(null)
  const card = useRef<HTMLLIElement>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const active = status === 'active'

  useEffect(() => {
    if (fresh) card.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }, [fresh])

  const withdraw = async (): Promise<void> => {
    if (!onWithdraw) return
    setBusy(true)
    const done = await onWithdraw()
    setBusy(false)
    if (done) setConfirming(false)
  }

  return (
    <li
      ref={card}
      className="invite-item"
      data-testid="invite-item"
      data-role={link.role}
      data-status={status}
      data-link-id={link.id}
      data-fresh={fresh ? 'true' : undefined}
    >
      <div className="invite-item-head">
        <span className="role-chip" data-role={link.role}>
          {who.title}
        </span>
        {mine && <span className="mine-tag">Your link</span>}
        <span className="spacer" />
        <span className="link-status" data-status={status}>
          <span className="link-status-dot" aria-hidden="true" />
          {statusText(link, status)}
        </span>
      </div>
      {active && <p className="invite-description">{who.description}</p>}
      {active && (
        <div className="invite-link-row">
          <input
            ref={input}
            className="invite-link"
            type="text"
            readOnly
            value={link.url}
            aria-label={`${who.title} link`}
            data-testid={`invite-link-${link.role}`}
            onFocus={(event) => event.target.select()}
          />
          <CopyButton
            text={link.url}
            label={`Copy ${who.title.toLowerCase()} link`}
            fallbackInput={() => input.current}
          />
          <button
            type="button"
            className="button button-small"
            aria-expanded={qrOpen}
            data-testid="invite-qr-toggle"
            onClick={onToggleQr}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" className="button-icon">
              <path d="M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2M18 14h2" />
            </svg>
            {qrOpen ? 'Hide QR code' : 'QR code'}
          </button>
          {!mine && onWithdraw && !confirming && (
            <button
              type="button"
              className="button button-small button-danger invite-withdraw"
              data-testid="invite-withdraw"
              onClick={() => setConfirming(true)}
            >
              Withdraw
            </button>
          )}
        </div>
      )}
      {active && confirming && (
        <div className="invite-confirm" role="group" aria-label="Withdraw this link?">
          <p>
            <strong>Withdraw this {who.title.toLowerCase()} link?</strong> Everyone who joined with it is
            disconnected now and cannot use it again.
          </p>
          <div className="form-actions">
            <span className="spacer" />
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              Keep it
            </button>
            <button
              type="button"
              className="button button-small button-danger-solid"
              disabled={busy}
              data-testid="invite-withdraw-confirm"
              onClick={() => void withdraw()}
            >
              {busy ? 'Withdrawing…' : 'Withdraw link'}
            </button>
          </div>
        </div>
      )}
      {active && qrOpen && (
        <figure className="invite-qr">
          <QrCode value={link.url} size={280} label={`QR code of the ${who.title.toLowerCase()} link`} />
          <figcaption>Scan with a phone camera to join as {who.one}.</figcaption>
        </figure>
      )}
    </li>
  )
}
