import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { COLUMNS, ZONES, audienceOfNoteId, defaultNoteColour } from '@mapboard/map-model'
import type { InformationStatus, MapSnapshot, NoteSnapshot, ZoneId } from '@mapboard/map-model'
import type { BoardCommands } from '../board/BoardCommands.ts'
import type { DisclosureCommands } from '../board/DisclosureCommands.ts'
import type { Permissions } from '../board/Permissions.ts'
import { runCommand } from '../board/runCommand.ts'
import { LockIcon } from '../ui/LockIcon.tsx'
import { KIND_BADGE } from '../ui/palette.ts'
import { sharedText, withdrawnText } from '../ui/disclosureText.ts'
import { WithdrawDialog } from '../ui/WithdrawDialog.tsx'
import { OutlineNoteForm } from './OutlineNoteForm.tsx'
import type { OutlineNoteValues } from './OutlineNoteForm.tsx'
import { JargonText } from '../ui/JargonText.tsx'
import { newProvenance, provenanceOf } from '../ui/provenance.ts'
import {
  informationDescription,
  informationMark,
  sharedWithYouText,
} from '../newInformation/informationText.ts'

interface OutlineViewProps {
  snapshot: MapSnapshot
  permissions: Permissions
  commands: BoardCommands
  /** The chair's "Share with the family" and "Withdraw…". */
  disclosure?: DisclosureCommands
  onError(message: string): void
  /** Notes with changes made here that the server has not stored yet. */
  unsavedNoteIds?: ReadonlySet<string>
  /**
   * A kind filter is on (decision 0037): `snapshot` holds only the notes it shows. Said at the top, and notes
   * are not reordered meanwhile (their neighbours may be hidden).
   */
  filter?: { label: string; hidden: number } | null
  /** Increment to scroll to a note's row and focus it (the chair's checklist), when the Outline is showing. */
  revealRequest?: { id: string; nonce: number } | null
  /** Each note's information status (decision 0035); a note missing here was shared in time. */
  informationStatus?: ReadonlyMap<string, InformationStatus>
  /** A family member before the meeting: each item says when it was shared with them. */
  showSharedWithYou?: boolean
}

type Editing = { mode: 'new'; zone: ZoneId } | { mode: 'edit'; id: string } | null

const lockedNow = (label: string, what: string): string =>
  `${label} has just been locked by the chair, so ${what}. Copy your text if you want to keep it.`

/**
 * The whole map as a document: columns → sections → notes, with each note's kind, source and author.
 * Everything the canvas does can be done here by keyboard and screen reader: add, edit, move, delete, and for the
 * chair lock and unlock. What is offered follows the participant's permissions, as on the canvas.
 */
export function OutlineView({
  snapshot,
  permissions,
  commands,
  disclosure,
  onError,
  unsavedNoteIds,
  filter = null,
  revealRequest = null,
  informationStatus,
  showSharedWithYou = false,
}: OutlineViewProps) {
  const [editing, setEditing] = useState<Editing>(null)
  const [withdrawing, setWithdrawing] = useState<NoteSnapshot | null>(null)
  const outlineRef = useRef<HTMLDivElement>(null)
  // The note whose row gets keyboard focus once the form has gone: closing the form removes the focused element,
  // and the browser would otherwise put focus back at the top of the page.
  const [focusNote, setFocusNote] = useState<string | null>(null)
  useLayoutEffect(() => {
    if (focusNote === null) return
    const row = outlineRef.current?.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(focusNote)}"]`)
    if (row === null || row === undefined) return
    const target = row.querySelector<HTMLElement>('[data-testid="outline-note-edit"]') ?? row
    target.focus()
    setFocusNote(null)
  }, [focusNote, snapshot.notes])
  const revealed = useRef<number | null>(null)
  useLayoutEffect(() => {
    if (revealRequest === null || revealed.current === revealRequest.nonce) return
    const row = outlineRef.current?.querySelector<HTMLElement>(
      `[data-note-id="${CSS.escape(revealRequest.id)}"]`,
    )
    if (row === null || row === undefined) return
    revealed.current = revealRequest.nonce
    // A hidden Outline (closed, or the phone's other tab) has no layout: the board alone shows the note then.
    if (row.offsetParent === null) return
    row.scrollIntoView({ block: 'center' })
    row.focus({ preventScroll: true })
  }, [revealRequest, snapshot.notes])
  const byZone = useMemo(() => {
    const groups = new Map<ZoneId, NoteSnapshot[]>()
    for (const note of snapshot.notes) {
      const list = groups.get(note.zone)
      if (list) list.push(note)
      else groups.set(note.zone, [note])
    }
    return groups
  }, [snapshot.notes])
  const addableZones = useMemo(
    () => ZONES.map((zone) => zone.id).filter((zone) => permissions.canAddTo(zone)),
    [permissions],
  )

  const run = (command: () => void): boolean => runCommand(command, onError)

  // One stable object for every note row, so a memoised row re-renders only when its own note changes.
  const latest = useRef({ run, commands, disclosure })
  latest.current = { run, commands, disclosure }
  const rowActions = useMemo<RowActions>(
    () => ({
      edit: (id) => setEditing({ mode: 'edit', id }),
      move: (id, zone, index) => latest.current.run(() => latest.current.commands.moveNote(id, zone, index)),
      share: (note) => {
        if (latest.current.run(() => latest.current.disclosure?.shareWithFamily(note))) setFocusNote(note.id)
      },
      withdraw: (note) => setWithdrawing(note),
    }),
    [],
  )

  const save = (note: NoteSnapshot, values: OutlineNoteValues): void => {
    const ok = run(() => {
      commands.updateNote(note.id, {
        text: values.text,
        kind: values.kind,
        source: values.source,
        colour: values.colour,
      })
      if (values.zone !== note.zone) commands.moveNote(note.id, values.zone)
    })
    if (ok) {
      setEditing(null)
      setFocusNote(note.id)
    }
  }

  return (
    <div className="outline" data-testid="outline" ref={outlineRef}>
      <h2 className="outline-title">Outline</h2>
      {filter !== null && (
        <p className="outline-filter" role="status" data-testid="outline-filter">
          Showing {filter.label.toLowerCase()}: {filter.hidden} {filter.hidden === 1 ? 'note' : 'notes'}{' '}
          hidden.
        </p>
      )}
      {withdrawing !== null && disclosure !== undefined && (
        <WithdrawDialog
          noteText={withdrawing.text}
          onWithdraw={(reason) => run(() => disclosure.withdrawNote(withdrawing.id, reason))}
          onClose={() => {
            setFocusNote(withdrawing.id)
            setWithdrawing(null)
          }}
        />
      )}
      {COLUMNS.map((column) => (
        <section
          key={column.id}
          className="outline-column"
          data-column={column.id}
          aria-labelledby={`outline-${column.id}`}
        >
          <h3
            id={`outline-${column.id}`}
            className="outline-column-heading"
            data-testid="outline-column-heading"
          >
            {column.label}
          </h3>
          {column.zones.map((zone) => {
            const label = ZONES.find((candidate) => candidate.id === zone)?.label ?? zone
            const notes = byZone.get(zone) ?? []
            const locked = permissions.isLocked(zone)
            const canAdd = permissions.canAddTo(zone)
            const headingId = `outline-section-${zone}-heading`
            return (
              <section
                key={zone}
                className="outline-section"
                data-testid={`outline-section-${zone}`}
                data-locked={locked ? 'true' : 'false'}
                aria-labelledby={headingId}
              >
                <div className="outline-section-head">
                  <h4 id={headingId} data-testid="outline-section-heading">
                    {label}
                  </h4>
                  <span
                    className="outline-count"
                    aria-label={`${notes.length} ${notes.length === 1 ? 'note' : 'notes'}`}
                  >
                    {notes.length}
                  </span>
                  {locked && !permissions.canLock && (
                    <span className="lock-badge" data-testid={`outline-locked-${zone}`}>
                      <LockIcon locked />
                      Locked
                    </span>
                  )}
                  <span className="spacer" />
                  {permissions.canLock && (
                    <button
                      type="button"
                      className="button button-small lock-toggle"
                      aria-pressed={locked}
                      aria-label={locked ? `${label} is locked. Unlock it` : `Lock ${label}`}
                      data-testid={`outline-lock-${zone}`}
                      onClick={() => run(() => commands.setLock(zone, !locked))}
                    >
                      <LockIcon locked={locked} />
                      {locked ? 'Locked' : 'Lock'}
                    </button>
                  )}
                  {canAdd && (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Add note to ${label}`}
                      data-testid={`outline-add-${zone}`}
                      onClick={() => setEditing({ mode: 'new', zone })}
                    >
                      + Add
                    </button>
                  )}
                </div>
                {locked && (
                  <p className="outline-locked-hint">
                    {permissions.isChair
                      ? 'Locked: only you can change this section.'
                      : 'Locked by the chair: agreed, and no longer changed.'}
                  </p>
                )}
                {editing?.mode === 'new' && editing.zone === zone && (
                  <OutlineNoteForm
                    mode="new"
                    zones={addableZones}
                    blocked={canAdd ? null : lockedNow(label, 'this note cannot be added there')}
                    offerRestricted={permissions.canAddRestricted}
                    restrictedOnly={permissions.addsRestrictedOnly}
                    initial={{
                      text: '',
                      provenance: newProvenance(),
                      colour: defaultNoteColour(zone),
                      zone,
                    }}
                    onCancel={() => setEditing(null)}
                    onSave={(values) => {
                      const colour =
                        values.colour !== defaultNoteColour(zone) ? { colour: values.colour } : {}
                      let added: string | null = null
                      const ok = run(() => {
                        added = commands.addNote(zone, {
                          text: values.text,
                          kind: values.kind,
                          source: values.source,
                          ...colour,
                          ...(values.restricted === true ? { audience: 'professionals' as const } : {}),
                        })
                      })
                      if (ok) {
                        setEditing(null)
                        setFocusNote(added)
                      }
                    }}
                  />
                )}
                {notes.length === 0 ? (
                  <p className="outline-empty">Nothing here yet.</p>
                ) : (
                  <ol className="outline-notes">
                    {notes.map((note, index) =>
                      editing?.mode === 'edit' && editing.id === note.id ? (
                        <li key={note.id} className="outline-note is-editing" data-note-id={note.id}>
                          <OutlineNoteForm
                            mode="edit"
                            zones={addableZones}
                            blocked={
                              permissions.canChange(note)
                                ? null
                                : lockedNow(label, 'this note cannot be changed now')
                            }
                            initial={{ ...note, provenance: provenanceOf(note) }}
                            onCancel={() => {
                              setEditing(null)
                              setFocusNote(note.id)
                            }}
                            onSave={(values) => save(note, values)}
                            onDelete={() => {
                              if (run(() => commands.deleteNote(note.id))) setEditing(null)
                            }}
                          />
                        </li>
                      ) : (
                        <OutlineNote
                          key={note.id}
                          note={note}
                          canChange={permissions.canChange(note)}
                          canReorder={filter === null}
                          mine={permissions.owns(note)}
                          unsaved={unsavedNoteIds?.has(note.id) ?? false}
                          restricted={audienceOfNoteId(note.id) === 'professionals'}
                          canShare={disclosure !== undefined && permissions.canShare(note)}
                          canWithdraw={disclosure !== undefined && permissions.canWithdraw(note)}
                          information={informationStatus?.get(note.id) ?? 'in-time'}
                          sharedWithYou={showSharedWithYou}
                          index={index}
                          isLast={index === notes.length - 1}
                          actions={rowActions}
                        />
                      ),
                    )}
                  </ol>
                )}
              </section>
            )
          })}
        </section>
      ))}
    </div>
  )
}

interface RowActions {
  edit(id: string): void
  move(id: string, zone: ZoneId, index: number): void
  share(note: NoteSnapshot): void
  withdraw(note: NoteSnapshot): void
}

interface OutlineNoteProps {
  note: NoteSnapshot
  /** Edit, reorder and delete are offered. */
  canChange: boolean
  /** ↑ and ↓ are offered (not while a kind filter hides some of the section's notes). */
  canReorder: boolean
  /** Added by this participant. */
  mine: boolean
  /** Changed here and not yet stored by the server. */
  unsaved: boolean
  /** In the professionals' document: marked "Professionals only". */
  restricted: boolean
  /** "Share with the family" is offered (the chair). */
  canShare: boolean
  /** "Withdraw…" is offered (the chair). */
  canWithdraw: boolean
  /** Shared late or new at the conference: marked in words, with when it arrived. */
  information: InformationStatus
  /** Says when the item was shared with the family (a family member's view before the meeting). */
  sharedWithYou: boolean
  /** Position in its section. */
  index: number
  isLast: boolean
  actions: RowActions
}

const OutlineNote = memo(function OutlineNote({
  note,
  canChange,
  canReorder,
  mine,
  unsaved,
  restricted,
  canShare,
  canWithdraw,
  information,
  sharedWithYou,
  index,
  isLast,
  actions,
}: OutlineNoteProps) {
  const mark = informationMark(information)
  const badge = KIND_BADGE[note.kind]
  const short = note.text.length > 40 ? `${note.text.slice(0, 40)}…` : note.text
  const { agency } = note
  return (
    <li
      className="outline-note"
      // Focusable from script only: after Add or Save, a note its author may not change gets the focus itself.
      tabIndex={-1}
      data-testid="outline-note"
      data-note-id={note.id}
      data-zone={note.zone}
      data-kind={note.kind}
      data-mine={mine ? 'true' : undefined}
      data-unsaved={unsaved ? 'true' : undefined}
      data-audience={restricted ? 'professionals' : undefined}
      data-withdrawn={note.withdrawal !== undefined ? 'true' : undefined}
      data-information={information !== 'in-time' ? information : undefined}
    >
      {mark !== null && (
        <p
          className="information-mark"
          data-status={information}
          data-testid="outline-note-information"
          title={informationDescription(information, note.receivedAt) ?? undefined}
        >
          <span aria-hidden="true">{mark}</span>
          <span className="visually-hidden">{informationDescription(information, note.receivedAt)}</span>
        </p>
      )}
      {restricted && (
        <p className="restricted-mark" data-testid="outline-note-restricted">
          Professionals only
        </p>
      )}
      {note.withdrawal !== undefined ? (
        <p className="outline-note-text" data-testid="outline-note-text">
          <del>{note.text}</del>
        </p>
      ) : (
        <JargonText className="outline-note-text" testId="outline-note-text" text={note.text} />
      )}
      {note.withdrawal !== undefined && (
        <p className="withdrawn-mark" data-testid="outline-note-withdrawn">
          {withdrawnText(note.withdrawal)}
        </p>
      )}
      {note.sharing !== undefined && (
        <p className="shared-mark" data-testid="outline-note-shared">
          {sharedText(note.sharing)}
        </p>
      )}
      {sharedWithYou && (
        <p className="shared-with-you" data-testid="outline-note-shared-with-you">
          <time dateTime={new Date(note.receivedAt).toISOString()}>{sharedWithYouText(note.receivedAt)}</time>
        </p>
      )}
      <p className="outline-note-meta">
        <span className="kind-badge" data-kind={note.kind} data-testid="outline-note-kind">
          {badge.label}
        </span>
        <span className="outline-note-source" data-testid="outline-note-from">
          {note.source !== '' ? `Source: ${note.source}` : 'Source not given'}
        </span>
        {note.author !== '' && (
          <span className="outline-note-author">
            Added by {note.author}
            {agency !== '' ? ` (${agency})` : ''}
            {mine ? ' · you' : ''}
          </span>
        )}
        {unsaved && (
          <span className="unsaved-mark" data-testid="outline-note-unsaved">
            Not saved yet
          </span>
        )}
      </p>
      {(canShare || canWithdraw) && (
        <div className="outline-note-actions">
          {canShare && (
            <button
              type="button"
              className="button button-small"
              aria-label={`Share with the family: ${short}`}
              data-testid="outline-note-share"
              onClick={() => actions.share(note)}
            >
              Share with the family
            </button>
          )}
          {canWithdraw && (
            <button
              type="button"
              className="button button-small"
              aria-label={`Withdraw: ${short}`}
              aria-haspopup="dialog"
              data-testid="outline-note-withdraw"
              onClick={() => actions.withdraw(note)}
            >
              Withdraw…
            </button>
          )}
        </div>
      )}
      {canChange && (
        <div className="outline-note-actions">
          <button
            type="button"
            className="button button-small"
            aria-label={`Edit note: ${short}`}
            data-testid="outline-note-edit"
            onClick={() => actions.edit(note.id)}
          >
            Edit
          </button>
          {canReorder && (
            <>
              <button
                type="button"
                className="button button-small"
                aria-label={`Move up: ${short}`}
                disabled={index === 0}
                onClick={() => actions.move(note.id, note.zone, index - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button button-small"
                aria-label={`Move down: ${short}`}
                disabled={isLast}
                onClick={() => actions.move(note.id, note.zone, index + 1)}
              >
                ↓
              </button>
            </>
          )}
        </div>
      )}
    </li>
  )
})
