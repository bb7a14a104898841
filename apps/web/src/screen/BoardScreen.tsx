import { useCallback, useDeferredValue, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import {
  ZONE_IDS,
  currentClosedSession,
  informationStatus,
  judgementScale,
  lateInformation,
} from '@mapboard/map-model'
import type { InformationStatus, NoteSnapshot, ZoneId } from '@mapboard/map-model'
import { familyView } from '../board/BoardSnapshotStore.ts'
import { filterByKind, kindFilterLabel } from '../board/KindFilter.ts'
import type { KindFilter } from '../board/KindFilter.ts'
import { createConferenceCommands } from '../board/ConferenceCommands.ts'
import type { MapSession } from '../board/MapSession.ts'
import { Permissions } from '../board/Permissions.ts'
import { readClaims } from '../board/readableClaims.ts'
import { runCommand } from '../board/runCommand.ts'
import { useConnectionState } from '../board/useConnectionState.ts'
import { useUnsavedChanges } from '../board/useUnsavedChanges.ts'
import { useMapSnapshot } from '../board/useMapSnapshot.ts'
import { usePresence } from '../board/usePresence.ts'
import { BoardCanvas } from '../canvas/BoardCanvas.tsx'
import { RestorationNotice } from '../chair/RestorationNotice.tsx'
import { InvitePanel } from '../invite/InvitePanel.tsx'
import { AgendaBar } from '../meeting/AgendaBar.tsx'
import { MeetingPanel } from '../meeting/MeetingPanel.tsx'
import type { MeetingTab } from '../meeting/MeetingPanel.tsx'
import { ScalingPrompt } from '../meeting/ScalingPrompt.tsx'
import { ClosedSessionNotice } from '../meeting/ClosedSessionNotice.tsx'
import { MapClosedNotice } from '../closing/MapClosedNotice.tsx'
import { useMapClosure } from '../closing/useMapClosure.ts'
import { useConference } from '../meeting/useConference.ts'
import { InformationNotice } from '../newInformation/InformationNotice.tsx'
import { scheduleLine } from '../newInformation/informationText.ts'
import { clearScheduleOnArrival, scheduleOnArrival } from '../newInformation/scheduleOnArrival.ts'
import { useInformationArrivals } from '../newInformation/useInformationArrivals.ts'
import { OutlineView } from '../outline/OutlineView.tsx'
import { AddNoteDialog } from '../ui/AddNoteDialog.tsx'
import { ConnectionIndicator } from '../ui/ConnectionIndicator.tsx'
import { KindFilterSelect } from '../ui/KindFilterSelect.tsx'
import { LockIcon } from '../ui/LockIcon.tsx'
import { Logo } from '../ui/Logo.tsx'
import { PresenceList } from '../ui/PresenceList.tsx'
import { RemoveFromDeviceDialog } from '../ui/RemoveFromDeviceDialog.tsx'
import { SessionEnded } from '../ui/SessionEnded.tsx'
import { Toast } from '../ui/Toast.tsx'

const OUTLINE_PREF = 'mapboard:outline-open'

function initialOutlineOpen(): boolean {
  try {
    const stored = window.localStorage.getItem(OUTLINE_PREF)
    if (stored !== null) return stored === 'true'
  } catch {
    // no storage: use the default
  }
  return window.innerWidth >= 1280
}

/** The board: top bar, tools, and the canvas with the outline beside it (or as a tab on a phone). */
export function BoardScreen({
  session,
  openInviteOnStart,
  onRemoveFromDevice,
}: {
  session: MapSession
  openInviteOnStart: boolean
  /** "Remove this map from this device": forget everything kept here for it and leave the board. */
  onRemoveFromDevice(): void
}) {
  const fullSnapshot = useMapSnapshot(session.store)
  // "Show the family's view": the chair or a professional sees the board exactly as the family does.
  const [showFamilyView, setShowFamilyView] = useState(false)
  const snapshot = useMemo(
    () => (showFamilyView ? familyView(fullSnapshot) : fullSnapshot),
    [showFamilyView, fullSnapshot],
  )
  // "Show only allegations": this device's view only (decision 0037); the notes it leaves out are not drawn.
  const [kindFilter, setKindFilter] = useState<KindFilter>('all')
  const shown = useMemo(() => filterByKind(snapshot, kindFilter), [snapshot, kindFilter])
  // The Outline renders every note as a row: behind the board, so a large map's first frame (and each edit's)
  // is not held back by a few thousand rows of DOM (decision 0048). React renders it straight after, yielding.
  const outlineSnapshot = useDeferredValue(shown)
  const filterNote = useMemo(
    () =>
      kindFilter === 'all'
        ? null
        : { label: kindFilterLabel(kindFilter), hidden: snapshot.notes.length - shown.notes.length },
    [kindFilter, snapshot.notes.length, shown.notes.length],
  )
  const connection = useConnectionState(session.connection)
  const unsaved = useUnsavedChanges(session.unsaved)
  const participants = usePresence(session.presence)
  const { commands, participant } = session
  const refusal = useSyncExternalStore(session.refusals.subscribe, session.refusals.getLatest)
  const canUndo = useSyncExternalStore(commands.onHistoryChange, commands.canUndo)
  const canRedo = useSyncExternalStore(commands.onHistoryChange, commands.canRedo)
  const [phoneView, setPhoneView] = useState<'board' | 'outline'>('board')
  const [outlineOpen, setOutlineOpen] = useState(initialOutlineOpen)
  const [inviteOpen, setInviteOpen] = useState(openInviteOnStart)
  const [addOpen, setAddOpen] = useState(false)
  const [removeOpen, setRemoveOpen] = useState(false)
  const [meetingOpen, setMeetingOpen] = useState(false)
  const [meetingTabRequest, setMeetingTabRequest] = useState<{ tab: MeetingTab; seq: number } | null>(null)
  const openMeetingAt = (tab: MeetingTab) => {
    setMeetingTabRequest((last) => ({ tab, seq: (last?.seq ?? 0) + 1 }))
    setMeetingOpen(true)
  }
  const openRoster = () => openMeetingAt('roster')
  const conference = useConference(session.doc)
  // A new object only when the rounds change, so the board's band is not redrawn for other conference edits.
  const judgement = useMemo(() => judgementScale(conference.rounds), [conference.rounds])
  const conferenceCommands = useMemo(
    () => createConferenceCommands(session.doc, participant),
    [session.doc, participant],
  )
  const [addRequest, setAddRequest] = useState<{ zone: ZoneId; nonce: number } | null>(null)
  const [revealRequest, setRevealRequest] = useState<{ id: string; nonce: number } | null>(null)
  // The chair's checklist goes to a note: every kind shown again, the note selected on the board and focused in
  // the Outline.
  const showNote = useCallback((id: string) => {
    setKindFilter('all')
    if (window.matchMedia('(max-width: 719px)').matches) {
      // The meeting is a full-screen sheet on a phone: it makes way for the board.
      setMeetingOpen(false)
      setPhoneView('board')
    }
    setRevealRequest((previous) => ({ id, nonce: (previous?.nonce ?? 0) + 1 }))
  }, [])
  const [toast, setToast] = useState<{ message: string; key: number } | null>(null)
  const closedSession = currentClosedSession(conference.closedSessions) !== null
  const closure = useMapClosure(session.doc)
  const mapClosed = closure !== null
  const permissions = useMemo(
    () => new Permissions(participant, snapshot.locks, snapshot.restrictedLocks, closedSession, mapClosed),
    [participant, snapshot.locks, snapshot.restrictedLocks, closedSession, mapClosed],
  )
  const myLinkId = useMemo(() => readClaims(session.token).linkId, [session.token])
  const isChair = permissions.isChair
  const editable = permissions.canEdit

  // Fair process (decision 0035): each note's status by the schedule and the deployment's reports policy.
  const { schedule } = conference
  const policy = session.reportsPolicy
  const statusById = useMemo(() => {
    const statuses = new Map<string, InformationStatus>()
    for (const note of fullSnapshot.notes) {
      const status = informationStatus(note.receivedAt, schedule, policy)
      if (status !== 'in-time') statuses.set(note.id, status)
    }
    return statuses
  }, [fullSnapshot.notes, schedule, policy])
  const statusOfNote = useCallback(
    (note: NoteSnapshot): InformationStatus => informationStatus(note.receivedAt, schedule, policy),
    [schedule, policy],
  )
  const statusOfId = useCallback((id: string) => statusById.get(id) ?? 'in-time', [statusById])
  const information = useMemo(
    () => lateInformation(fullSnapshot, schedule, policy),
    [fullSnapshot, schedule, policy],
  )
  const [arrivals, dismissArrivals] = useInformationArrivals(
    session,
    fullSnapshot.notes,
    statusOfNote,
    isChair,
  )
  // Before the meeting the family sees when each item reached them.
  const showSharedWithYou = participant.role === 'family' && conference.step === 'before'
  const allLocked = snapshot.locks.length === ZONE_IDS.length

  const onError = useCallback(
    (message: string) => setToast((previous) => ({ message, key: (previous?.key ?? 0) + 1 })),
    [],
  )
  const clearToast = useCallback(() => setToast(null), [])

  // The schedule the chair gave when creating the map: their first edit, once the map has caught up.
  const synced = connection.status === 'connected'
  useEffect(() => {
    if (!isChair || !synced) return
    const kept = scheduleOnArrival(session.mapId)
    if (kept === null) return
    clearScheduleOnArrival(session.mapId)
    if (schedule === null) runCommand(() => conferenceCommands.setSchedule(kept), onError)
  }, [isChair, synced, schedule, session.mapId, conferenceCommands, onError])

  // The server refused (and undid) one of my edits: say why, calmly.
  useEffect(() => {
    if (refusal !== null) onError(refusal.message)
  }, [refusal, onError])

  // Leaving now would lose what the server has not stored and this device could not keep: let the browser ask
  // first. What is kept on the device is sent when the map is next opened here.
  const hasUnsaved = unsaved.count > 0
  useEffect(() => {
    if (!hasUnsaved) return
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      if (session.wouldLoseChanges()) event.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [hasUnsaved, session])

  useEffect(() => {
    document.title = snapshot.title ? `${snapshot.title} — Mapboard` : 'Mapboard'
  }, [snapshot.title])

  // Undo/redo of my own changes, unless typing in a field (where the browser's own undo applies).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return
      if (!(event.ctrlKey || event.metaKey)) return
      const key = event.key.toLowerCase()
      if (key === 'z' && !event.shiftKey) runCommand(() => commands.undo(), onError)
      else if ((key === 'z' && event.shiftKey) || key === 'y') runCommand(() => commands.redo(), onError)
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [commands, onError])

  const toggleOutline = (): void => {
    setOutlineOpen((open) => {
      try {
        window.localStorage.setItem(OUTLINE_PREF, String(!open))
      } catch {
        // preference not kept
      }
      return !open
    })
  }

  if (connection.status === 'closed') return <SessionEnded code={connection.closeCode} />

  return (
    <div
      className="board-screen"
      data-phone-view={phoneView}
      data-outline-open={outlineOpen ? 'true' : 'false'}
      data-meeting-open={meetingOpen ? 'true' : 'false'}
    >
      <header className="topbar">
        <a className="brand" href="/" aria-label="Mapboard start page">
          <Logo />
        </a>
        <h1 className="map-title" data-testid="map-title">
          {snapshot.title || 'Untitled map'}
        </h1>
        <ConnectionIndicator
          state={connection}
          unsaved={unsaved}
          keptOnDevice={session.device.getState() !== 'not-kept'}
        />
        <PresenceList participants={participants} onOpen={openRoster} />
        <button
          type="button"
          className="button remove-device-button"
          title="Remove this map from this device"
          onClick={() => setRemoveOpen(true)}
          data-testid="remove-from-device-button"
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" className="button-icon">
            <path d="M4 5h16v10H4zM9 19h6M12 15v4M9.5 7.5l5 5M14.5 7.5l-5 5" />
          </svg>
          <span className="remove-device-label">Remove from this device</span>
        </button>
        {isChair && (
          <button
            type="button"
            className="button invite-button"
            onClick={() => setInviteOpen(true)}
            data-testid="invite-button"
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" className="button-icon">
              <path d="M15 8a3 3 0 1 0-6 0 3 3 0 0 0 6 0zM4 20c0-3.3 3.6-6 8-6M18 14v6M15 17h6" />
            </svg>
            <span className="invite-label">Invite</span>
          </button>
        )}
      </header>
      <section className="toolbar" aria-label="Board tools">
        <div className="view-tabs" role="tablist" aria-label="View">
          <button
            type="button"
            role="tab"
            aria-selected={phoneView === 'board'}
            className="view-tab"
            onClick={() => setPhoneView('board')}
          >
            Board
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={phoneView === 'outline'}
            className="view-tab"
            data-testid="outline-tab"
            onClick={() => setPhoneView('outline')}
          >
            Outline
          </button>
        </div>
        {editable && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setAddOpen(true)}
            data-testid="add-note-button"
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" className="button-icon">
              <path d="M12 5v14M5 12h14" />
            </svg>
            Note
          </button>
        )}
        {editable && (
          <div className="history-buttons">
            <button
              type="button"
              className="icon-button"
              aria-label="Undo my last change"
              disabled={!canUndo}
              onClick={() => runCommand(() => commands.undo(), onError)}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" />
              </svg>
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label="Redo my last change"
              disabled={!canRedo}
              onClick={() => runCommand(() => commands.redo(), onError)}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3" />
              </svg>
            </button>
          </div>
        )}
        {isChair && (
          <button
            type="button"
            className="button lock-all-button"
            data-testid="lock-all-button"
            aria-label={allLocked ? 'Unlock all sections' : 'Lock all sections'}
            onClick={() => runCommand(() => commands.setAllLocks(!allLocked), onError)}
          >
            <LockIcon locked={!allLocked} />
            <span>{allLocked ? 'Unlock all' : 'Lock all'}</span>
          </button>
        )}
        {!editable && (
          <span className="view-only-badge" data-testid="view-only-badge">
            <svg viewBox="0 0 24 24" aria-hidden="true" className="button-icon">
              <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
              <circle cx="12" cy="12" r="3" />
            </svg>
            View only
          </span>
        )}
        <span className="spacer" />
        {session.professionals !== null && (
          <label className="family-view-toggle" data-testid="family-view-toggle">
            <input
              type="checkbox"
              checked={showFamilyView}
              onChange={(event) => setShowFamilyView(event.target.checked)}
            />
            Show the family’s view
          </label>
        )}
        <KindFilterSelect value={kindFilter} onChange={setKindFilter} />
        <button
          type="button"
          className="button outline-toggle"
          aria-pressed={outlineOpen}
          aria-controls="outline-pane"
          data-testid="outline-toggle"
          onClick={toggleOutline}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" className="button-icon">
            <path d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01" />
          </svg>
          Outline
        </button>
      </section>
      <AgendaBar
        step={conference.step}
        canMove={permissions.canRunMeeting}
        commands={conferenceCommands}
        follow={session.follow}
        meetingOpen={meetingOpen}
        closedSession={closedSession}
        onToggleMeeting={() => {
          setMeetingTabRequest(null)
          setMeetingOpen((open) => !open)
        }}
        onError={onError}
      />
      <ScalingPrompt
        mapId={session.mapId}
        token={session.token}
        rounds={conference.rounds}
        permissions={permissions}
        meetingOpen={meetingOpen}
        onGive={() => openMeetingAt('scaling')}
      />
      {schedule !== null ? (
        <section className="schedule-line" aria-label="When the conference is" data-testid="schedule-line">
          {scheduleLine(schedule, policy)}
        </section>
      ) : (
        isChair && (
          <section className="schedule-line" aria-label="When the conference is" data-testid="schedule-line">
            The conference’s date and time are not set, so nothing is marked as shared late.
            <button
              type="button"
              className="button button-small"
              data-testid="schedule-set-button"
              onClick={() => openMeetingAt('timing')}
            >
              Set them
            </button>
          </section>
        )
      )}
      {closure !== null && <MapClosedNotice closure={closure} isChair={participant.role === 'chair'} />}
      {closedSession && <ClosedSessionNotice role={participant.role} />}
      {/* Covered for the family and observers during a closed session: nothing behind the notice to reach. */}
      <main
        className="workspace"
        inert={closedSession && (participant.role === 'family' || participant.role === 'viewer')}
      >
        <div className="canvas-pane">
          <BoardCanvas
            snapshot={shown}
            movable={kindFilter === 'all'}
            judgement={judgement}
            permissions={permissions}
            commands={commands}
            disclosure={session.disclosure}
            onError={onError}
            onNotice={onError}
            addRequest={addRequest}
            revealRequest={revealRequest}
            followChair={session.follow}
            unsavedNoteIds={unsaved.noteIds}
            informationStatus={statusById}
            remoteCursors={session.cursors}
          />
        </div>
        <aside id="outline-pane" className="outline-pane" aria-label="Map outline">
          <OutlineView
            snapshot={outlineSnapshot}
            filter={filterNote}
            revealRequest={revealRequest}
            permissions={permissions}
            commands={commands}
            disclosure={session.disclosure}
            onError={onError}
            unsavedNoteIds={unsaved.noteIds}
            informationStatus={statusById}
            showSharedWithYou={showSharedWithYou}
          />
        </aside>
        {meetingOpen && (
          <MeetingPanel
            session={session}
            title={snapshot.title}
            conference={conference}
            permissions={permissions}
            participants={participants}
            commands={conferenceCommands}
            information={information}
            tabRequest={meetingTabRequest}
            snapshot={fullSnapshot}
            onShowNote={showNote}
            onClose={() => setMeetingOpen(false)}
            onError={onError}
          />
        )}
      </main>
      {inviteOpen && isChair && (
        <InvitePanel
          mapId={session.mapId}
          token={session.token}
          myLinkId={myLinkId}
          onClose={() => setInviteOpen(false)}
        />
      )}
      {removeOpen && (
        <RemoveFromDeviceDialog
          unsavedCount={unsaved.count}
          onClose={() => setRemoveOpen(false)}
          onRemove={onRemoveFromDevice}
        />
      )}
      {addOpen && (
        <AddNoteDialog
          canAdd={(zone) => permissions.canAddTo(zone)}
          isLocked={(zone) => permissions.isLocked(zone)}
          onClose={() => setAddOpen(false)}
          onPick={(zone) => {
            setAddOpen(false)
            setPhoneView('board')
            setAddRequest((previous) => ({ zone, nonce: (previous?.nonce ?? 0) + 1 }))
          }}
        />
      )}
      {isChair && (
        <RestorationNotice
          mapId={session.mapId}
          token={session.token}
          synced={connection.status === 'connected'}
        />
      )}
      {isChair && (
        <InformationNotice
          arrivals={arrivals}
          statusOf={statusOfId}
          onShowList={() => openMeetingAt('timing')}
          onDismiss={dismissArrivals}
        />
      )}
      {toast !== null && <Toast key={toast.key} message={toast.message} onDone={clearToast} />}
    </div>
  )
}
