import { useCallback, useEffect, useMemo, useRef } from 'react'
import Konva from 'konva'
import { Layer, Rect, Stage } from 'react-konva'
import { audienceOfNoteId } from '@mapboard/map-model'
import type { InformationStatus, JudgementScale, MapSnapshot, ZoneId } from '@mapboard/map-model'
import type { BoardCommands } from '../board/BoardCommands.ts'
import type { FollowChair } from '../board/FollowChair.ts'
import type { Permissions } from '../board/Permissions.ts'
import type { RemoteCursors } from '../board/RemoteCursors.ts'
import { runCommand } from '../board/runCommand.ts'
import { FOCUS } from '../ui/palette.ts'
import { intersects } from './Camera.ts'
import { ColumnShape } from './ColumnShape.tsx'
import { JudgementShape } from './JudgementShape.tsx'
import { NoteEditor } from './NoteEditor.tsx'
import type { DisclosureCommands } from '../board/DisclosureCommands.ts'
import { NoteShape } from './NoteShape.tsx'
import { RemoteCursorsLayer } from './RemoteCursorsLayer.tsx'
import type { NoteHandlers } from './NoteShape.tsx'
import { SectionShape } from './SectionShape.tsx'
import type { SectionHandlers } from './SectionShape.tsx'
import { SectionStepper } from './SectionStepper.tsx'
import { ZoomControls } from './ZoomControls.tsx'
import { useBoardGestures } from './useBoardGestures.ts'
import { useCameraStage } from './useCameraStage.ts'
import { useFontsReady } from './useFontsReady.ts'
import { useLatest } from './useLatest.ts'
import { useNoteDrag } from './useNoteDrag.ts'
import { useNoteEditing } from './useNoteEditing.ts'
import { useNoteSelection } from './useNoteSelection.ts'
import { useSelectionKeys } from './useSelectionKeys.ts'
import { useBoxSelect } from './useBoxSelect.ts'
import { useBoardCompleteMark } from './useBoardCompleteMark.ts'
import { describeSelection } from './selectionText.ts'
import { inReadingOrder } from './noteSelection.ts'
import { useSaveMyView } from './useSaveMyView.ts'
import { useStableLayout } from './useStableLayout.ts'

const NO_TEXTS: readonly string[] = []

// A tap that wobbles a few pixels is still a tap, not a drag.
Konva.dragDistance = 4

interface BoardCanvasProps {
  snapshot: MapSnapshot
  /** The latest revealed round about the map overall, drawn on the judgement band; null before one. */
  judgement: JudgementScale | null
  /** What this participant is offered: adding, changing, moving, locking. */
  permissions: Permissions
  commands: BoardCommands
  /** The chair's "Share with the family" and "Withdraw…". */
  disclosure?: DisclosureCommands
  onError(message: string): void
  /** A calm message that something worked (a saved picture). */
  onNotice?(message: string): void
  /** Increment to open the editor for a new note in a section from outside (toolbar). */
  addRequest?: { zone: ZoneId; nonce: number } | null
  /** Increment to bring a note into view and select it from outside (the chair's checklist). */
  revealRequest?: { id: string; nonce: number } | null
  /** Publishes the chair's view, or follows it; panning or zooming by hand leaves follow mode. */
  followChair?: FollowChair
  /** Notes with changes made here that the server has not stored yet. */
  unsavedNoteIds?: ReadonlySet<string>
  /** Each note's information status (decision 0035); a note missing here was shared in time. */
  informationStatus?: ReadonlyMap<string, InformationStatus>
  /** Shares this pointer and shows other people's (not for observers, not on phones). */
  remoteCursors?: RemoteCursors
  /**
   * Notes may be dragged (default true). Off while a kind filter hides some notes: a note dropped among notes
   * this person cannot see would land somewhere they did not choose.
   */
  movable?: boolean
}

/**
 * The map on a Konva stage. Render only: it reads the snapshot and calls commands. This is the wiring; the parts
 * are hooks: useCameraStage (size, zoom, pan, fit, following the chair), useBoardGestures (wheel, pinch, drag
 * and keys), useNoteSelection with useBoxSelect and useSelectionKeys (click selects, double-click or Enter
 * edits; decision 0026), useNoteDrag, useNoteEditing and useSaveMyView.
 *
 * Performance (architecture.md, "Canvas"): the view is a Camera applied to the Stage imperatively, so panning
 * and zooming cause no React renders; notes outside a margin around the viewport are not rendered at all
 * (the margin is recomputed only when the viewport leaves it); note components are memoised and receive
 * identity-stable props, so a document change re-renders only the notes it touched.
 */
export function BoardCanvas({
  snapshot,
  judgement,
  permissions,
  commands,
  disclosure,
  onError,
  onNotice,
  addRequest,
  revealRequest,
  followChair,
  unsavedNoteIds,
  informationStatus,
  remoteCursors,
  movable = true,
}: BoardCanvasProps) {
  const fontsReady = useFontsReady()
  const layout = useStableLayout(snapshot)
  const countByZone = useMemo(() => {
    const counts = new Map<ZoneId, number>()
    for (const note of snapshot.notes) counts.set(note.zone, (counts.get(note.zone) ?? 0) + 1)
    return counts
  }, [snapshot.notes])
  const view = useCameraStage({ layout, countByZone, fontsReady, followChair })
  const { containerRef, stageRef, camera, size, detail, cullRect } = view

  const notesById = useMemo(() => new Map(snapshot.notes.map((note) => [note.id, note])), [snapshot.notes])
  // Zoomed out, each section shows the first words of its notes; gathered only then, so that while the notes
  // are drawn the sections are not re-rendered for every change to a note's text.
  const textsByZone = useMemo(() => {
    const texts = new Map<ZoneId, string[]>()
    if (detail !== 'summary') return texts
    for (const box of layout.notes) {
      const text = notesById.get(box.id)?.text ?? ''
      const list = texts.get(box.zone)
      if (list) list.push(text)
      else texts.set(box.zone, [text])
    }
    return texts
  }, [detail, layout.notes, notesById])
  const run = useCallback((command: () => void) => runCommand(command, onError), [onError])
  const noteExists = useCallback((id: string) => notesById.has(id), [notesById])
  const selecting = useNoteSelection(noteExists)
  const { selection } = selecting

  const editing = useNoteEditing({
    layout,
    notesById,
    permissions,
    commands,
    disclosure,
    run,
    focusRect: view.focusRect,
    addRequest,
    onClose: () => containerRef.current?.focus({ preventScroll: true }),
  })
  // Only a new request (a new nonce) moves the view, once the note is laid out.
  const revealed = useRef<number | null>(null)
  const { focusRect } = view
  useEffect(() => {
    if (!revealRequest || revealed.current === revealRequest.nonce) return
    const box = layout.notes.find((candidate) => candidate.id === revealRequest.id)
    if (box === undefined) return
    revealed.current = revealRequest.nonce
    selecting.selectOnly(box.id)
    focusRect(box)
  }, [revealRequest, layout.notes, selecting, focusRect])
  const drag = useNoteDrag({
    stageRef,
    layout,
    notesById,
    permissions,
    commands,
    run,
    selection,
    onDragOutsideSelection: selecting.selectOnly,
    onRefused: onError,
    onDragStart: editing.commit,
  })
  const boxSelect = useBoxSelect({
    containerRef,
    camera,
    layout,
    onSelect: selecting.select,
    onEmptyClick: selecting.clear,
  })
  const gestures = useBoardGestures(view, {
    editorOpen: editing.isOpen,
    commitEdit: editing.commit,
    onEmptyBoardPress: boxSelect.begin,
    onEmptyBoardTap: selecting.clear,
  })
  const selectionKeys = useSelectionKeys({
    containerRef,
    layout,
    notesById,
    selection: selecting,
    permissions,
    commands,
    run,
    editNote: editing.openNote,
    revealRect: view.revealRect,
    onRefused: onError,
  })
  const myView = useSaveMyView({
    stageRef,
    title: snapshot.title,
    name: permissions.me.name,
    onNotice,
    onError,
  })

  // One object each for every note and every section, so the memoised shapes re-render only for their own props.
  const latest = useLatest({
    editing,
    run,
    commands,
    permissions,
    layout,
    showSection: view.showSection,
    selecting,
  })
  const noteHandlers = useMemo<NoteHandlers>(
    () => ({
      onSelect: (id, additive) => {
        const { editing, selecting } = latest.current
        // Selecting ends an edit elsewhere (keeping what was typed), and the board takes the keys.
        if (editing.isOpen && !editing.commit()) return
        if (additive) selecting.toggle(id)
        else selecting.selectOnly(id)
        containerRef.current?.focus({ preventScroll: true })
      },
      onEdit: (id) => {
        latest.current.selecting.selectOnly(id)
        latest.current.editing.openNote(id)
      },
      ...drag.handlers,
    }),
    [latest, drag.handlers, containerRef],
  )
  const sectionHandlers = useMemo<SectionHandlers>(
    () => ({
      onAdd: (zone) => latest.current.editing.startNewNote(zone),
      onToggleLock: (zone, locked) => {
        if (latest.current.permissions.canLock)
          latest.current.run(() => latest.current.commands.setLock(zone, locked))
      },
      onRead: (zone) => {
        const index = latest.current.layout.sections.findIndex((section) => section.zone === zone)
        if (index >= 0) latest.current.showSection(index)
      },
    }),
    [latest],
  )

  // --- what to draw: notes near the viewport (and the dragged one, on top); none where summaries show ------
  // None either before the view is first placed: mounting every note of a large map for a frame nobody sees
  // was most of the first complete frame (decision 0048).
  const { draggingId } = drag
  const visibleNotes = useMemo(() => {
    const boxes = layout.notes.filter(
      (box) =>
        box.id === draggingId || (detail === 'notes' && cullRect !== null && intersects(box, cullRect)),
    )
    if (draggingId !== null) {
      const index = boxes.findIndex((box) => box.id === draggingId)
      const [dragged] = index >= 0 ? boxes.splice(index, 1) : []
      if (dragged) boxes.push(dragged)
    }
    return boxes
  }, [layout.notes, cullRect, draggingId, detail])

  const notesLayerRef = useRef<Konva.Layer>(null)
  useBoardCompleteMark({
    notesLayerRef,
    placed: fontsReady && cullRect !== null,
    notes: layout.notes.length,
    drawn: visibleNotes.length,
  })

  const onPointerMove = useCallback(
    (event: React.PointerEvent<HTMLDivElement>) => {
      if (remoteCursors?.enabled !== true || event.pointerType === 'touch') return
      const bounds = event.currentTarget.getBoundingClientRect()
      const { x, y, scale } = camera.get()
      remoteCursors.move({
        x: (event.clientX - bounds.left - x) / scale,
        y: (event.clientY - bounds.top - y) / scale,
      })
    },
    [remoteCursors, camera],
  )
  const onPointerLeave = useCallback(() => remoteCursors?.move(null), [remoteCursors])

  // Said by the live region below as the selection changes (screen readers; the outline lists the same notes).
  const selectionSaid = useMemo(
    () =>
      describeSelection(
        inReadingOrder(selection, layout.notes).flatMap((id) => {
          const note = notesById.get(id)
          return note === undefined ? [] : [note]
        }),
      ),
    [selection, layout.notes, notesById],
  )

  const columnHeaderHeight = useMemo(() => {
    const first = layout.sections[0]
    const column = layout.columns[0]
    return first && column ? first.y - column.y : 48
  }, [layout.sections, layout.columns])

  return (
    <div
      ref={containerRef}
      className="board-canvas"
      data-testid="board-canvas"
      tabIndex={0}
      role="application"
      aria-label="Map board. Click a note to select it, double-click or press Enter to edit it, arrow keys go from note to note, Delete removes the selection. Drag on empty board to select several; scroll, or hold Space and drag, to pan; Ctrl and scroll or pinch to zoom, plus and minus keys zoom, 0 fits the map. The outline view lists the same map for keyboard and screen reader use."
      onPointerMove={onPointerMove}
      onPointerLeave={onPointerLeave}
      onKeyDown={(event) => {
        if (selectionKeys(event)) event.preventDefault()
        else gestures.onKeyDown(event)
      }}
    >
      <p className="visually-hidden" role="status" data-testid="selection-status">
        {selectionSaid}
      </p>
      {fontsReady && size.width > 0 && size.height > 0 && (
        <Stage
          ref={stageRef}
          width={size.width}
          height={size.height}
          draggable
          onWheel={gestures.onWheel}
          onDragStart={gestures.onStageDragStart}
          onDragMove={gestures.onStageDragMove}
          onMouseDown={gestures.onStagePointerDown}
          onTouchStart={gestures.onStagePointerDown}
          onTap={gestures.onStageTap}
        >
          <Layer listening={false}>
            {layout.columns.map((column) => (
              <ColumnShape key={column.id} column={column} headerHeight={columnHeaderHeight} />
            ))}
            <JudgementShape box={layout.judgement} scale={judgement} />
          </Layer>
          <Layer>
            {layout.sections.map((section) => (
              <SectionShape
                key={section.zone}
                section={section}
                count={countByZone.get(section.zone) ?? 0}
                canAdd={permissions.canAddTo(section.zone)}
                canLock={permissions.canLock}
                handlers={sectionHandlers}
                detail={detail}
                summary={
                  detail === 'summary'
                    ? { texts: textsByZone.get(section.zone) ?? NO_TEXTS, zoom: view.summaryZoom }
                    : null
                }
              />
            ))}
          </Layer>
          <Layer listening={false}>
            <Rect
              ref={drag.dropSectionRef}
              visible={false}
              cornerRadius={10}
              stroke={FOCUS}
              strokeWidth={3}
              fill="rgba(40, 87, 197, 0.05)"
            />
            <Rect
              ref={drag.dropSlotRef}
              visible={false}
              cornerRadius={6}
              stroke={FOCUS}
              strokeWidth={2}
              dash={[8, 6]}
              fill="rgba(40, 87, 197, 0.08)"
            />
            <Rect
              ref={boxSelect.boxRef}
              visible={false}
              stroke={FOCUS}
              strokeWidth={1.5}
              strokeScaleEnabled={false}
              dash={[6, 4]}
              fill="rgba(40, 87, 197, 0.08)"
            />
          </Layer>
          <Layer ref={notesLayerRef}>
            {visibleNotes.map((box) => {
              const note = notesById.get(box.id)
              if (note === undefined) return null
              return (
                <NoteShape
                  key={box.id}
                  note={note}
                  box={box}
                  draggable={movable && permissions.canChange(note)}
                  unsaved={unsavedNoteIds?.has(note.id) ?? false}
                  selected={selection.ids.has(note.id)}
                  restricted={audienceOfNoteId(note.id) === 'professionals'}
                  information={informationStatus?.get(note.id) ?? 'in-time'}
                  handlers={noteHandlers}
                />
              )
            })}
          </Layer>
        </Stage>
      )}
      {remoteCursors !== undefined && <RemoteCursorsLayer cursors={remoteCursors} camera={camera} />}
      {editing.editor !== null && (
        <NoteEditor
          key={editing.editor.key}
          ref={editing.editorRef}
          camera={camera}
          {...editing.editor.props}
        />
      )}
      {view.narrow && !editing.isOpen && (
        <SectionStepper
          sections={layout.sections}
          camera={camera}
          sizeRef={view.sizeRef}
          onShow={view.showSection}
        />
      )}
      <ZoomControls
        zoomLabelRef={view.zoomLabelRef}
        onZoomIn={view.zoomIn}
        onZoomOut={view.zoomOut}
        onFit={view.fitByUser}
        onSaveView={() => void myView.saveMyView()}
        savingView={myView.savingView}
      />
    </div>
  )
}
