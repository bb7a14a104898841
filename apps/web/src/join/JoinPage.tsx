import { useCallback, useEffect, useState } from 'react'
import { CloseCode } from '@mapboard/protocol'
import type { JoinResponse } from '@mapboard/protocol'
import { ApiError } from '../api/apiRequest.ts'
import { forgetDeviceCopy } from '../board/DeviceCopy.ts'
import { openMapSession } from '../board/MapSession.ts'
import type { MapSession } from '../board/MapSession.ts'
import { readClaims } from '../board/readableClaims.ts'
import { BoardScreen } from '../screen/BoardScreen.tsx'
import { SessionEnded } from '../ui/SessionEnded.tsx'
import { rememberIdentity, rememberedIdentity } from './identity.ts'
import type { Identity } from './identity.ts'
import { REMOVE_ON_CLOSE, endedHere, forgetEnded, rememberEnded } from './endedHere.ts'
import { clearInviteOnArrival, inviteOnArrival } from './inviteOnArrival.ts'
import { isSameLink, loadRememberedJoin, rememberJoin } from './joinedSession.ts'
import { joinMap } from './joinMap.ts'
import { removeMapFromDevice } from './removeFromDevice.ts'
import { forgetJoinToken, takeJoinToken } from './joinToken.ts'
import { NamePrompt } from './NamePrompt.tsx'

/**
 * `/m/<mapId>#<token>`: take the link token from the address, ask for a name (and agency), join, then open the
 * board as the participant the server answered with. The join is remembered on this device, so a reload, a new
 * tab or `/m/<mapId>` reopened later (offline too) goes straight back to the board as the same participant.
 */
export function JoinPage({ mapId }: { mapId: string }) {
  const [linkToken] = useState(() => takeJoinToken(mapId))
  const [openInvite] = useState(() => inviteOnArrival(mapId))
  useEffect(() => clearInviteOnArrival(mapId), [mapId])
  const [remembered] = useState(() => loadRememberedJoin(mapId))
  const [joined, setJoined] = useState<JoinResponse | null>(() => {
    if (remembered === null) return null
    // A link in the address must be the one this join came through; another link is a new join.
    return linkToken === null || isSameLink(linkToken, remembered) ? remembered : null
  })
  // The link was withdrawn or refused in this tab before (and the map wiped): a reload says so again. A link in
  // the address is a fresh start.
  const [refusedWith, setRefusedWith] = useState<number | null>(() =>
    linkToken === null && joined === null ? endedHere(mapId) : null,
  )
  useEffect(() => {
    if (linkToken !== null) forgetEnded(mapId)
  }, [mapId, linkToken])

  if (refusedWith !== null) {
    return <SessionEnded code={refusedWith} />
  }
  if (joined === null) {
    if (linkToken === null) return <IncompleteLink />
    const join = async (identity: Identity): Promise<void> => {
      try {
        const answer = await joinMap(mapId, linkToken, {
          name: identity.name,
          ...(identity.agency !== '' ? { agency: identity.agency } : {}),
        })
        // What this device kept for someone else could not be sent as this participant (decision 0014).
        if (remembered !== null && remembered.participant.id !== answer.participant.id)
          await forgetDeviceCopy(mapId)
        rememberIdentity(identity)
        rememberJoin(mapId, answer)
        setJoined(answer)
      } catch (error) {
        const code = error instanceof ApiError ? refusalCode(error) : null
        if (code === null) throw error
        // This link is refused. A join this device remembers through another link is not, and keeps its copy.
        if (remembered === null) await removeMapFromDevice(mapId)
        else forgetJoinToken(mapId)
        rememberEnded(mapId, code)
        setRefusedWith(code)
      }
    }
    return <NamePrompt roleHint={readClaims(linkToken).role} initial={rememberedIdentity()} onJoin={join} />
  }
  return <LiveBoard joined={joined} openInvite={openInvite} />
}

/** `/m/<mapId>` with no token in the address, and no join remembered on this device. */
function IncompleteLink() {
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

/** A join the link itself rules out, as the close code the board would have ended with; null if worth retrying. */
function refusalCode(error: ApiError): number | null {
  if (error.code === 'TOKEN_REVOKED' || error.status === 403) return CloseCode.Forbidden
  if (error.status === 401) return CloseCode.Unauthorized
  if (error.status === 404 && error.code === 'MAP_NOT_FOUND') return CloseCode.MapNotFound
  return null
}

function LiveBoard({ joined, openInvite }: { joined: JoinResponse; openInvite: boolean }) {
  const [session, setSession] = useState<MapSession | null>(null)
  const [removing, setRemoving] = useState(false)
  const mapId = joined.map.id

  // The link was refused or withdrawn, or the map is gone: nothing of it may stay on this device.
  useEffect(() => {
    if (session === null) return
    const check = (): void => {
      const { status, closeCode } = session.connection.getState()
      if (status !== 'closed' || closeCode === null || !REMOVE_ON_CLOSE.has(closeCode)) return
      void session
        .forgetDevice()
        .then(() => removeMapFromDevice(mapId))
        .then(() => rememberEnded(mapId, closeCode))
    }
    check()
    return session.connection.subscribe(check)
  }, [session, mapId])

  const removeFromDevice = useCallback(async (): Promise<void> => {
    if (session === null) return
    setRemoving(true)
    await session.forgetDevice()
    await removeMapFromDevice(mapId)
    window.location.assign('/')
  }, [session, mapId])

  useEffect(() => {
    const opened = openMapSession({
      mapId: joined.map.id,
      token: joined.token,
      participant: joined.participant,
      ...(joined.reportsPolicy === undefined ? {} : { reportsPolicy: joined.reportsPolicy }),
    })
    setSession(opened)
    return () => {
      opened.destroy()
      setSession(null)
    }
  }, [joined])
  if (removing) {
    return (
      <main className="centred-page" aria-busy="true">
        <p className="lead" data-testid="removing-from-device">
          Removing this map from this device…
        </p>
      </main>
    )
  }
  if (session === null) return null
  return (
    <BoardScreen session={session} openInviteOnStart={openInvite} onRemoveFromDevice={removeFromDevice} />
  )
}
