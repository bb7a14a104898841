import { useEffect, useId, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react'
import type { Ref } from 'react'
import { MAX_NOTE_TEXT } from '@mapboard/map-model'
import type { NoteColour, NoteSnapshot } from '@mapboard/map-model'
import type { NewNote, NoteEdit } from '../board/BoardCommands.ts'
import type { BoardRect } from '../board/BoardRect.ts'
import { ColourPicker } from '../ui/ColourPicker.tsx'
import { JargonHints } from '../ui/JargonHints.tsx'
import { ProvenanceFields } from '../ui/ProvenanceFields.tsx'
import { completeProvenance, newProvenance, provenanceOf, provenanceProblems } from '../ui/provenance.ts'
import type { ProvenanceDraft, ProvenanceProblems } from '../ui/provenance.ts'
import { ProfessionalsOnlyToggle } from '../ui/ProfessionalsOnlyToggle.tsx'
import { sharedText, withdrawnText } from '../ui/disclosureText.ts'
import { WithdrawDialog } from '../ui/WithdrawDialog.tsx'
import { NOTE_FILL } from '../ui/palette.ts'
import type { Camera } from './Camera.ts'

export interface NoteEditorHandle {
  /**
   * Keep what was typed (add the new note, or send the last edit) and close. A new note with text but no kind or
   * source chosen is not added: the editor stays open and says what is missing, and this returns false.
   */
  commit(): boolean
}

export interface NoteEditorProps {
  ref?: Ref<NoteEditorHandle>
  camera: Camera
  /** Where the note is (or will be), in board units. */
  rect: BoardRect
  mode: 'new' | 'edit'
  initial: NoteSnapshot | undefined
  defaultColour: NoteColour
  sectionLabel: string
  /** Why this note can no longer be added or changed (its section was just locked); null while it can. */
  blocked?: string | null
  /** A new note may be made professionals-only (the chair and professionals). */
  offerRestricted?: boolean
  /** The new note can only be for professionals (a closed session). */
  restrictedOnly?: boolean
  onAdd(fields: NewNote): void
  /** Also called as the editor unmounts with an edit still pending: it must check the note may still change. */
  onChange(patch: NoteEdit): void
  onDelete(): void
  /** "Share with the family" is offered (the chair, a professionals-only note not shared yet). */
  onShare?(): void
  /** "Withdraw…" is offered (the chair, a shared note not withdrawn yet); returns whether it worked. */
  onWithdraw?(reason: string): boolean
  onClose(): void
}

const TYPING_DEBOUNCE_MS = 350
const PANEL_GAP = 8

/**
 * Edits a note in place: a DOM textarea laid exactly over the note on the canvas (following the camera
 * imperatively), with a panel for its kind, source and colour. Text typed into an existing note reaches the
 * others as it is typed (debounced); a new note is added only once it has text, so nobody sees empty notes.
 */
export function NoteEditor(props: NoteEditorProps) {
  const { ref, camera, rect, mode, initial, defaultColour, sectionLabel } = props
  const blocked = props.blocked ?? null
  const cardRef = useRef<HTMLDivElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const textRef = useRef<HTMLTextAreaElement>(null)
  const textId = useId()
  const [text, setText] = useState(initial?.text ?? '')
  const [provenance, setProvenance] = useState<ProvenanceDraft>(() =>
    initial !== undefined ? provenanceOf(initial) : newProvenance(),
  )
  // From the first refused "Add note" on, what is missing shows (and clears as it is fixed).
  const [tried, setTried] = useState(false)
  const problems: ProvenanceProblems = tried && mode === 'new' ? provenanceProblems(provenance) : {}
  const kindRef = useRef<HTMLInputElement>(null)
  const sourceRef = useRef<HTMLInputElement>(null)
  const [colour, setColour] = useState<NoteColour>(initial?.colour ?? defaultColour)
  const [restricted, setRestricted] = useState(props.restrictedOnly === true)
  const [withdrawing, setWithdrawing] = useState(false)
  const wasWithdrawing = useRef(false)
  const pending = useRef<NoteEdit>({})
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const closed = useRef(false)
  const latest = useRef(props)
  latest.current = props

  const flush = (): void => {
    clearTimeout(timer.current)
    const patch = pending.current
    pending.current = {}
    if (patch.text !== undefined && patch.text.trim() === '') delete patch.text
    if (Object.keys(patch).length > 0) latest.current.onChange(patch)
  }

  const queue = (patch: NoteEdit): void => {
    if (mode !== 'edit') return
    pending.current = { ...pending.current, ...patch }
    clearTimeout(timer.current)
    timer.current = setTimeout(flush, TYPING_DEBOUNCE_MS)
  }

  const close = (): void => {
    if (closed.current) return
    closed.current = true
    latest.current.onClose()
  }

  const commit = (): boolean => {
    if (closed.current) return true
    if (mode === 'new') {
      if (text.trim() !== '') {
        const chosen = completeProvenance(provenance)
        if (chosen === null) {
          setTried(true)
          const missing = provenanceProblems(provenance)
          ;(missing.kind !== undefined ? kindRef : sourceRef).current?.focus({ preventScroll: true })
          return false
        }
        latest.current.onAdd({
          text,
          ...chosen,
          ...(colour !== defaultColour ? { colour } : {}),
          ...(restricted && props.offerRestricted === true ? { audience: 'professionals' as const } : {}),
        })
      }
    } else {
      flush()
    }
    close()
    return true
  }

  const cancel = (): void => {
    if (mode === 'edit') flush()
    close()
  }

  useImperativeHandle(ref, () => ({ commit }))

  // Send a pending edit if the editor goes away without a commit (the board itself going away, e.g. the back
  // button). A layout-effect cleanup, so it runs before the session's own (passive) cleanup closes the socket.
  // `onChange` sends nothing if the note no longer exists or may no longer be changed by this participant.
  useLayoutEffect(
    () => () => {
      if (mode === 'edit') flush()
      else clearTimeout(timer.current)
    },
    // Once, on unmount: `flush` reads refs only, and `mode` is fixed for an editor (it is part of its key).
    [],
  )

  useEffect(() => {
    textRef.current?.focus({ preventScroll: true })
  }, [])

  // Back from the withdraw dialog (closed by then: its own cleanup runs first), the keyboard is in the editor again.
  useEffect(() => {
    if (wasWithdrawing.current && !withdrawing) textRef.current?.focus({ preventScroll: true })
    wasWithdrawing.current = withdrawing
  }, [withdrawing])

  // Follow the camera without React renders.
  useLayoutEffect(() => {
    const place = (): void => {
      const card = cardRef.current
      const panel = panelRef.current
      const host = card?.parentElement
      if (!card || !panel || !host) return
      const view = camera.get()
      const left = rect.x * view.scale + view.x
      const top = rect.y * view.scale + view.y
      const width = rect.width * view.scale
      const height = rect.height * view.scale
      card.style.transform = `translate(${left}px, ${top}px)`
      card.style.width = `${width}px`
      card.style.height = `${height}px`
      card.style.fontSize = `${Math.max(14, Math.min(22, 15 * view.scale))}px`
      const hostWidth = host.clientWidth
      const hostHeight = host.clientHeight
      const panelWidth = Math.min(360, hostWidth - 2 * PANEL_GAP)
      panel.style.width = `${panelWidth}px`
      const panelHeight = panel.offsetHeight
      const panelLeft = Math.min(Math.max(PANEL_GAP, left), hostWidth - panelWidth - PANEL_GAP)
      let panelTop = top + height + PANEL_GAP
      if (panelTop + panelHeight > hostHeight - PANEL_GAP && top - panelHeight - PANEL_GAP >= PANEL_GAP) {
        panelTop = top - panelHeight - PANEL_GAP
      }
      panelTop = Math.max(PANEL_GAP, Math.min(panelTop, hostHeight - panelHeight - PANEL_GAP))
      panel.style.transform = `translate(${panelLeft}px, ${panelTop}px)`
    }
    place()
    const observer = new ResizeObserver(place)
    if (panelRef.current) observer.observe(panelRef.current)
    const unsubscribe = camera.subscribe(place)
    return () => {
      unsubscribe()
      observer.disconnect()
    }
  }, [camera, rect])

  const title = mode === 'new' ? `New note in ${sectionLabel}` : `Edit note in ${sectionLabel}`
  const canAdd = text.trim() !== '' && blocked === null

  return (
    <>
      {/* Focus leaving a field sends what is pending: the next click may hide the note (a kind filter). */}
      <div
        ref={cardRef}
        className="note-editor-card"
        style={{ background: NOTE_FILL[colour].fill }}
        onBlur={() => {
          if (mode === 'edit') flush()
        }}
      >
        <textarea
          ref={textRef}
          id={textId}
          className="note-editor-text"
          aria-label={`${title}: text`}
          data-testid="note-editor-text"
          value={text}
          readOnly={blocked !== null}
          maxLength={MAX_NOTE_TEXT}
          placeholder="Write it in plain words…"
          onChange={(event) => {
            setText(event.target.value)
            queue({ text: event.target.value })
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault()
              cancel()
            } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault()
              commit()
            }
          }}
        />
      </div>
      <div
        ref={panelRef}
        className="note-editor-panel"
        role="dialog"
        aria-label={title}
        data-testid="note-editor"
        onBlur={() => {
          if (mode === 'edit') flush()
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            cancel()
          }
        }}
      >
        <p className="note-editor-title">{title}</p>
        {blocked !== null && (
          <p className="locked-notice" role="status" data-testid="editor-locked-notice">
            {blocked}
          </p>
        )}
        <JargonHints
          text={text}
          fieldId={textId}
          maxLength={MAX_NOTE_TEXT}
          disabled={blocked !== null}
          onReplace={(next) => {
            setText(next)
            queue({ text: next })
          }}
        />
        <fieldset className="plain-fieldset" disabled={blocked !== null}>
          <ProvenanceFields
            value={provenance}
            problems={problems}
            focus={{ kind: kindRef, source: sourceRef }}
            sourceTestId="note-editor-source"
            onChange={(next) => {
              setProvenance(next)
              // An existing note already has a kind: its changes are sent as they are made, like its text.
              if (next.kind !== null && next.kind !== provenance.kind) {
                queue({ kind: next.kind })
                flush()
              }
              if (next.source !== provenance.source) queue({ source: next.source.trim() })
            }}
          />
          <ColourPicker
            value={colour}
            onChange={(next) => {
              setColour(next)
              queue({ colour: next })
              flush()
            }}
          />
          {mode === 'new' && props.offerRestricted === true && (
            <ProfessionalsOnlyToggle
              checked={restricted}
              onChange={setRestricted}
              fixed={props.restrictedOnly === true}
            />
          )}
        </fieldset>
        {initial?.sharing !== undefined && (
          <p className="shared-mark" data-testid="note-editor-shared">
            {sharedText(initial.sharing)}
          </p>
        )}
        {initial?.withdrawal !== undefined && (
          <p className="withdrawn-mark" data-testid="note-editor-withdrawn">
            {withdrawnText(initial.withdrawal)}
          </p>
        )}
        {mode === 'edit' && (props.onShare !== undefined || props.onWithdraw !== undefined) && (
          <div className="note-editor-actions">
            {props.onShare !== undefined && (
              <button
                type="button"
                className="button"
                data-testid="share-with-family"
                onClick={() => {
                  flush()
                  props.onShare?.()
                }}
              >
                Share with the family
              </button>
            )}
            {props.onWithdraw !== undefined && (
              <button
                type="button"
                className="button"
                data-testid="withdraw-note"
                aria-haspopup="dialog"
                onClick={() => setWithdrawing(true)}
              >
                Withdraw…
              </button>
            )}
          </div>
        )}
        {text.length > MAX_NOTE_TEXT * 0.8 && (
          <p className="field-hint">
            {text.length} of {MAX_NOTE_TEXT} characters
          </p>
        )}
        <div className="note-editor-actions">
          {mode === 'edit' && blocked === null && (
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                clearTimeout(timer.current)
                pending.current = {}
                latest.current.onDelete()
                close()
              }}
            >
              Delete
            </button>
          )}
          <span className="spacer" />
          {(mode === 'new' || blocked !== null) && (
            <button type="button" className="button" onClick={cancel}>
              {blocked !== null && mode === 'edit' ? 'Close' : 'Cancel'}
            </button>
          )}
          {(mode === 'new' || blocked === null) && (
            <button
              type="button"
              className="button button-primary"
              data-testid="note-editor-done"
              disabled={mode === 'new' && !canAdd}
              onClick={() => commit()}
            >
              {mode === 'new' ? 'Add note' : 'Done'}
            </button>
          )}
        </div>
      </div>
      {withdrawing && props.onWithdraw !== undefined && (
        <WithdrawDialog
          noteText={text}
          onWithdraw={(reason) => {
            flush()
            return latest.current.onWithdraw?.(reason) ?? false
          }}
          onClose={() => setWithdrawing(false)}
        />
      )}
    </>
  )
}
