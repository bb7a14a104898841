import { useEffect, useMemo, useState } from 'react'
import { openMapSession } from '../board/MapSession.ts'
import type { MapSession } from '../board/MapSession.ts'
import { BoardScreen } from '../ui/BoardScreen.tsx'
import { joinedInThisTab, markJoinedInThisTab, rememberIdentity, rememberedIdentity } from './identity.ts'
import type { Identity } from './identity.ts'
import { clearInviteOnArrival, inviteOnArrival, loadInviteLinks } from './inviteLinks.ts'
import { takeJoinToken } from './joinToken.ts'
import { NamePrompt } from './NamePrompt.tsx'
import { readTokenRole } from './tokenRole.ts'

/** `/m/<mapId>#<token>`: take the token from the address, ask for a name, then open the board. */
export function JoinPage({ mapId }: { mapId: string }) {
  const [token] = useState(() => takeJoinToken(mapId))
  const [openInvite] = useState(() => inviteOnArrival(mapId))
  useEffect(() => clearInviteOnArrival(mapId), [mapId])
  const role = useMemo(
    () =>
      token === null ? null : (readTokenRole(token) ?? (loadInviteLinks(mapId) !== null ? 'chair' : null)),
    [token, mapId],
  )
  const [identity, setIdentity] = useState<Identity | null>(() => {
    const remembered = rememberedIdentity()
    return joinedInThisTab(mapId) && remembered.name !== '' ? remembered : null
  })

  if (token === null) {
    return (
      <main className="centred-page">
        <div className="card" data-testid="missing-token">
          <h1>This link is incomplete</h1>
          <p className="lead">
            A map link ends with a long code after a “#”. Open the whole link you were sent, or ask the chair
            for a new one.
          </p>
          <a className="button button-primary" href="/">
            Go to the start page
          </a>
        </div>
      </main>
    )
  }
  if (identity === null) {
    return (
      <NamePrompt
        role={role}
        initial={rememberedIdentity()}
        onJoin={(chosen) => {
          rememberIdentity(chosen)
          markJoinedInThisTab(mapId)
          setIdentity(chosen)
        }}
      />
    )
  }
  return <LiveBoard mapId={mapId} token={token} identity={identity} role={role} openInvite={openInvite} />
}

function LiveBoard({
  mapId,
  token,
  identity,
  role,
  openInvite,
}: {
  mapId: string
  token: string
  identity: Identity
  role: ReturnType<typeof readTokenRole>
  openInvite: boolean
}) {
  const [session, setSession] = useState<MapSession | null>(null)
  useEffect(() => {
    const opened = openMapSession({ mapId, token, name: identity.name, agency: identity.agency, role })
    setSession(opened)
    return () => {
      opened.destroy()
      setSession(null)
    }
  }, [mapId, token, identity.name, identity.agency, role])
  if (session === null) return null
  return <BoardScreen session={session} openInviteOnStart={openInvite} />
}
