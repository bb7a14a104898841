import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { ZoneId } from '@mapboard/map-model'
import type { MapSession } from '../board/MapSession.ts'
import { canEditMap, canEditSection } from '../board/permissions.ts'
import { useConnectionState } from '../board/useConnectionState.ts'
import { useMapSnapshot } from '../board/useMapSnapshot.ts'
import { usePresence } from '../board/usePresence.ts'
import { BoardCanvas } from '../canvas/BoardCanvas.tsx'
import { loadInviteLinks } from '../join/inviteLinks.ts'
import { OutlineView } from '../outline/OutlineView.tsx'
import { AddNoteDialog } from './AddNoteDialog.tsx'
import { ConnectionIndicator } from './ConnectionIndicator.tsx'
import { InvitePanel } from './InvitePanel.tsx'
import { Logo } from './Logo.tsx'
import { PresenceList } from './PresenceList.tsx'
import { SessionEnded } from './SessionEnded.tsx'
import { Toast } from './Toast.tsx'

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
}: {
  session: MapSession
  openInviteOnStart: boolean
}) {
  const snapshot = useMapSnapshot(session.store)
  const connection = useConnectionState(session.connection)
  const participants = usePresence(session.presence)
  const { commands, role } = session
  const canUndo = useSyncExternalStore(commands.onHistoryChange, commands.canUndo)
  const canRedo = useSyncExternalStore(commands.onHistoryChange, commands.canRedo)
  const [phoneView, setPhoneView] = useState<'board' | 'outline'>('board')
  const [outlineOpen, setOutlineOpen] = useState(initialOutlineOpen)
  const [inviteOpen, setInviteOpen] = useState(openInviteOnStart)
  const [addOpen, setAddOpen] = useState(false)
  const [addRequest, setAddRequest] = useState<{ zone: ZoneId; nonce: number } | null>(null)
  const [toast, setToast] = useState<string | null>(null)
  const inviteLinks = useMemo(() => loadInviteLinks(session.mapId), [session.mapId])
  const isChair = role === 'chair' || inviteLinks !== null
  const editable = canEditMap(role)

  const onError = useCallback((message: string) => setToast(message), [])
  const clearToast = useCallback(() => setToast(null), [])

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
      if (key === 'z' && !event.shiftKey) commands.undo()
      else if ((key === 'z' && event.shiftKey) || key === 'y') commands.redo()
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [commands])

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

  const lockedZones = new Set<ZoneId>(snapshot.locks)

  return (
    <div
      className="board-screen"
      data-phone-view={phoneView}
      data-outline-open={outlineOpen ? 'true' : 'false'}
    >
      <header className="topbar">
        <a className="brand" href="/" aria-label="Mapboard start page">
          <Logo />
        </a>
        <h1 className="map-title" data-testid="map-title">
          {snapshot.title || 'Untitled map'}
        </h1>
        <ConnectionIndicator state={connection} />
        <PresenceList participants={participants} />
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
      <div className="toolbar" role="toolbar" aria-label="Board tools">
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
              onClick={() => commands.undo()}
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
              onClick={() => commands.redo()}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3" />
              </svg>
            </button>
          </div>
        )}
        {!editable && (
          <span className="read-only-note">
            Read-only<span className="read-only-more">: you are watching this map</span>
          </span>
        )}
        <span className="spacer" />
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
      </div>
      <main className="workspace">
        <div className="canvas-pane">
          <BoardCanvas
            snapshot={snapshot}
            role={role}
            commands={commands}
            onError={onError}
            addRequest={addRequest}
          />
        </div>
        <aside id="outline-pane" className="outline-pane" aria-label="Map outline">
          <OutlineView snapshot={snapshot} role={role} commands={commands} onError={onError} />
        </aside>
      </main>
      {inviteOpen && <InvitePanel links={inviteLinks} onClose={() => setInviteOpen(false)} />}
      {addOpen && (
        <AddNoteDialog
          canAdd={(zone) => canEditSection(role, lockedZones.has(zone))}
          onClose={() => setAddOpen(false)}
          onPick={(zone) => {
            setAddOpen(false)
            setPhoneView('board')
            setAddRequest((previous) => ({ zone, nonce: (previous?.nonce ?? 0) + 1 }))
          }}
        />
      )}
      {toast !== null && <Toast message={toast} onDone={clearToast} />}
    </div>
  )
}
