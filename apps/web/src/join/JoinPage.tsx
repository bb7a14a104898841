import { useEffect, useState } from 'react'
import { CloseCode } from '@mapboard/protocol'
import type { JoinResponse } from '@mapboard/protocol'
import { ApiError } from '../api/apiRequest.ts'
import { openMapSession } from '../board/MapSession.ts'
import type { MapSession } from '../board/MapSession.ts'
import { readClaims } from '../board/readableClaims.ts'
import { BoardScreen } from '../screen/BoardScreen.tsx'
import { SessionEnded } from '../ui/SessionEnded.tsx'
import { rememberIdentity, rememberedIdentity } from './identity.ts'
import type { Identity } from './identity.ts'
import { clearInviteOnArrival, inviteOnArrival } from './inviteOnArrival.ts'
import { loadJoinedSession, saveJoinedSession } from './joinedSession.ts'
import { joinMap } from './joinMap.ts'
import { takeJoinToken } from './joinToken.ts'
import { NamePrompt } from './NamePrompt.tsx'

/**
 * `/m/<mapId>#<token>`: take the link token from the address, ask for a name (and agency), join, then open the
 * board as the participant the server answered with. A reload in the same tab goes straight back to the board.
 */
export function JoinPage({ mapId }: { mapId: string }) {
  const [linkToken] = useState(() => takeJoinToken(mapId))
  const [openInvite] = useState(() => inviteOnArrival(mapId))
  useEffect(() => clearInviteOnArrival(mapId), [mapId])
  const [joined, setJoined] = useState<JoinResponse | null>(() => {
    const stored = loadJoinedSession(mapId)
    return stored !== null && stored.linkToken === linkToken ? stored.joined : null
  })
  const [refusedWith, setRefusedWith] = useState<number | null>(null)

  if (refusedWith !== null) {
    return <SessionEnded code={refusedWith} />
  }
  if (linkToken === null) {
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
  if (joined === null) {
    const join = async (identity: Identity): Promise<void> => {
      try {
        const answer = await joinMap(mapId, linkToken, {
          name: identity.name,
          ...(identity.agency !== '' ? { agency: identity.agency } : {}),
        })
        rememberIdentity(identity)
        saveJoinedSession(mapId, { linkToken, joined: answer })
        setJoined(answer)
      } catch (error) {
        const code = error instanceof ApiError ? refusalCode(error) : null
        if (code === null) throw error
        setRefusedWith(code)
      }
    }
    return <NamePrompt roleHint={readClaims(linkToken).role} initial={rememberedIdentity()} onJoin={join} />
  }
  return <LiveBoard joined={joined} openInvite={openInvite} />
}

/** A join the link itself rules out, as the close code the board would have ended with; null if worth retrying. */
function refusalCode(error: ApiError): number | null {
  if (error.code === 'TOKEN_REVOKED' || error.status === 403) return CloseCode.Forbidden
  if (error.status === 401) return CloseCode.Unauthorized
  if (error.status === 404 && error.code === 'MAP_NOT_FOUND') return CloseCode.MapNotFound
  return null
}

function LiveBoard({ joined, openInvite }: { joined: JoinResponse; openInvite: boolean }) {
  const [session, setSession] = useState<MapSession | null>(null)
  useEffect(() => {
    const opened = openMapSession({
      mapId: joined.map.id,
      token: joined.token,
      participant: joined.participant,
    })
    setSession(opened)
    return () => {
      opened.destroy()
      setSession(null)
    }
  }, [joined])
  if (session === null) return null
  return <BoardScreen session={session} openInviteOnStart={openInvite} />
}
