import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import Konva from 'konva'
import { Layer, Rect, Stage } from 'react-konva'
import { defaultNoteColour, indexAt, sectionAt, zoneLabel } from '@mapboard/map-model'
import type { JudgementScale, MapSnapshot, NoteBox, ZoneId } from '@mapboard/map-model'
import type { BoardCommands, NewNote, NoteEdit } from '../board/BoardCommands.ts'
import type { BoardRect } from '../board/BoardRect.ts'
import type { FollowChair } from '../board/FollowChair.ts'
import type { Permissions } from '../board/Permissions.ts'
import { runCommand } from '../board/runCommand.ts'
import { myViewFileName } from '../record/fileNames.ts'
import { saveFile } from '../record/saveFile.ts'
import { FOCUS } from '../ui/palette.ts'
import { Camera, contains, expand, intersects } from './Camera.ts'
import type { View } from './Camera.ts'
import { ColumnShape } from './ColumnShape.tsx'
import { JudgementShape } from './JudgementShape.tsx'
import { NoteEditor } from './NoteEditor.tsx'
import type { NoteEditorHandle } from './NoteEditor.tsx'
import { NoteShape } from './NoteShape.tsx'
import type { NoteDetail, NoteHandlers } from './NoteShape.tsx'
import { SectionShape } from './SectionShape.tsx'
import type { SectionHandlers } from './SectionShape.tsx'
import { ZoomControls } from './ZoomControls.tsx'
import { fitView } from './cameraGeometry.ts'
import { myViewPicture } from './myView.ts'
import { SIMPLE_BELOW_SCALE, columnView, isNarrow, nearestColumn } from './openingView.ts'
import { nextSlotRect, slotRect } from './slots.ts'
import { useFontsReady } from './useFontsReady.ts'
import { useStableLayout } from './useStableLayout.ts'

// A tap that wobbles a few pixels is still a tap, not a drag.
Konva.dragDistance = 4

const ZOOM_STEP = 1.25
/**
 * Notes are rendered within the viewport grown by this fraction on every side; the set is recomputed only when
 * the viewport leaves it. Larger means fewer React renders while panning, smaller means less to draw per frame.
 */
const CULL_MARGIN = 0.3

type Editing = { mode: 'edit'; id: string } | { mode: 'new'; zone: ZoneId }

interface BoardCanvasProps {
  snapshot: MapSnapshot
  /** The latest revealed round about the map overall, drawn on the judgement band; null before one. */
  judgement: JudgementScale | null
  /** What this participant is offered: adding, changing, moving, locking. */
  permissions: Permissions
  commands: BoardCommands
  onError(message: string): void
  /** A calm message that something worked (a saved picture). */
  onNotice?(message: string): void
  /** Increment to open the editor for a new note in a section from outside (toolbar). */
  addRequest?: { zone: ZoneId; nonce: number } | null
  /** Publishes the chair's view, or follows it; panning or zooming by hand leaves follow mode. */
  followChair?: FollowChair
}

/**
 * The map on a Konva stage. Render only: it reads the snapshot and calls commands.
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
  onError,
  onNotice,
  addRequest,
  followChair,
}: BoardCanvasProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const stageRef = useRef<Konva.Stage>(null)
  const dropSectionRef = useRef<Konva.Rect>(null)
  const dropSlotRef = useRef<Konva.Rect>(null)
  const zoomLabelRef = useRef<HTMLSpanElement>(null)
  const editorRef = useRef<NoteEditorHandle>(null)
  const [camera] = useState(() => new Camera())
  const [size, setSize] = useState({ width: 0, height: 0 })
  const [detail, setDetail] = useState<NoteDetail>('full')
  const [cullRect, setCullRect] = useState<BoardRect | null>(null)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [draggingId, setDraggingId] = useState<string | null>(null)
  const [savingView, setSavingView] = useState(false)
  const fontsReady = useFontsReady()
  const layout = useStableLayout(snapshot)
  /**
   * Which view the canvas keeps as the window or the map's size changes: the opening view, the whole map (after
   * "Fit map to screen"), or none once the user has moved the view themselves (then it is theirs).
   */
  const follow = useRef<'opening' | 'fit' | null>('opening')
  const pinch = useRef<{ centre: { x: number; y: number }; distance: number } | null>(null)
  const followChairRef = useRef(followChair)
  followChairRef.current = followChair

  /** The user moved the view themselves: it is theirs now, not the opening view's nor the chair's. */
  const leaveAutoView = useCallback(() => {
    follow.current = null
    followChairRef.current?.setFollowing(false)
  }, [])

  const layoutRef = useRef(layout)
  layoutRef.current = layout
  const sizeRef = useRef(size)
  sizeRef.current = size

  const notesById = useMemo(() => new Map(snapshot.notes.map((note) => [note.id, note])), [snapshot.notes])
  const countByZone = useMemo(() => {
    const counts = new Map<ZoneId, number>()
    for (const note of snapshot.notes) counts.set(note.zone, (counts.get(note.zone) ?? 0) + 1)
    return counts
  }, [snapshot.notes])

  // --- size -------------------------------------------------------------------------------------------
  useLayoutEffect(() => {
    const element = containerRef.current
    if (element === null) return
    const observer = new ResizeObserver(() => {
      setSize({ width: element.clientWidth, height: element.clientHeight })
    })
    observer.observe(element)
    setSize({ width: element.clientWidth, height: element.clientHeight })
    return () => observer.disconnect()
  }, [])

  // --- camera → stage (imperative), culling and level of detail (rare React updates) -------------------
  const applyView = useCallback(
    (view: View) => {
      const stage = stageRef.current
      if (stage !== null) {
        stage.position({ x: view.x, y: view.y })
        stage.scale({ x: view.scale, y: view.scale })
        stage.batchDraw()
      }
      if (zoomLabelRef.current) zoomLabelRef.current.textContent = `${Math.round(view.scale * 100)}%`
      containerRef.current?.setAttribute('data-camera', `${view.x},${view.y},${view.scale}`)
      const { width, height } = sizeRef.current
      if (width === 0 || height === 0) return
      const visible = camera.visibleRect(width, height)
      followChairRef.current?.publish(visible)
      setCullRect((current) =>
        current !== null && contains(current, visible) && current.width < visible.width * 4
          ? current
          : expand(visible, CULL_MARGIN),
      )
      setDetail(view.scale < SIMPLE_BELOW_SCALE ? 'simple' : 'full')
    },
    [camera],
  )

  useEffect(() => camera.subscribe(applyView), [camera, applyView])

  const fit = useCallback(() => {
    const { width, height } = sizeRef.current
    const board = layoutRef.current
    camera.fit({ x: 0, y: 0, width: board.width, height: board.height }, width, height, fitPadding(width))
  }, [camera])

  /**
   * The whole map, fitted to the screen; but on a screen too narrow to read it that way (a phone held upright)
   * the first column, filling the width, with the edge of the next one showing. "Fit map to screen" is a tap away.
   */
  const showOpeningView = useCallback(() => {
    const { width } = sizeRef.current
    const board = layoutRef.current
    const view = isNarrow(board, width, fitPadding(width)) ? columnView(board, 0, width) : null
    if (view !== null) camera.set(view)
    else fit()
  }, [camera, fit])

  const fitByUser = useCallback(() => {
    followChairRef.current?.setFollowing(false)
    follow.current = 'fit'
    fit()
  }, [fit])

  /** From a view too far out to read: the column at the middle of the screen on a phone, 100% elsewhere. */
  const zoomToRead = useCallback(() => {
    leaveAutoView()
    const { width, height } = sizeRef.current
    const board = layoutRef.current
    const view = camera.get()
    const column = isNarrow(board, width, fitPadding(width))
      ? columnView(board, nearestColumn(board, (width / 2 - view.x) / view.scale), width)
      : null
    if (column !== null) camera.set(column)
    else camera.zoomAt(width / 2, height / 2, 1 / view.scale)
  }, [camera, leaveAutoView])

  /** Fits the chair's view when following it and the chair has shared one; says whether it did. */
  const showChairView = useCallback((): boolean => {
    const chair = followChairRef.current
    const rect = chair?.isFollowing() ? chair.getChairView() : null
    const { width, height } = sizeRef.current
    const view = rect ? fitView(rect, width, height) : null
    if (view === null) return false
    camera.set(view)
    return true
  }, [camera])

  useEffect(() => followChair?.subscribe(() => void showChairView()), [followChair, showChairView])

  // The opening view on load, and again when the window or the map's size changes, until the user has moved the
  // view themselves.
  useLayoutEffect(() => {
    if (size.width === 0 || size.height === 0 || !fontsReady) return
    if (showChairView()) {
      // following the chair
    } else if (follow.current === 'opening') showOpeningView()
    else if (follow.current === 'fit') fit()
    applyView(camera.get())
    containerRef.current?.setAttribute('data-ready', 'true')
  }, [size, fontsReady, fit, showOpeningView, showChairView, applyView, camera, layout.width, layout.height])

  // --- editing -------------------------------------------------------------------------------------------
  const canAddTo = useCallback((zone: ZoneId) => permissions.canAddTo(zone), [permissions])

  /** Bring a board rectangle into view at a readable zoom, leaving room below it for the editor's panel. */
  const focusRect = useCallback(
    (rect: BoardRect, attempt = 0) => {
      const { width, height } = sizeRef.current
      if (width === 0 || height === 0) {
        // The canvas is just being shown (phone tab switch): try again once it has a size.
        if (attempt < 10) requestAnimationFrame(() => focusRect(rect, attempt + 1))
        return
      }
      const view = camera.get()
      const scale = Math.min(Math.max(view.scale, 1), (width - 32) / rect.width)
      const onScreen = {
        x: rect.x * view.scale + view.x,
        y: rect.y * view.scale + view.y,
        width: rect.width * view.scale,
        height: rect.height * view.scale,
      }
      const roomy = contains({ x: 8, y: 8, width: width - 16, height: height - 220 }, onScreen)
      if (scale === view.scale && roomy) return
      leaveAutoView()
      camera.set({
        scale,
        x: width / 2 - (rect.x + rect.width / 2) * scale,
        y: Math.max(16, height * 0.28 - (rect.height * scale) / 2) - rect.y * scale,
      })
    },
    [camera, leaveAutoView],
  )

  const openNote = useCallback(
    (id: string) => {
      const note = notesById.get(id)
      const box = layoutRef.current.notes.find((candidate) => candidate.id === id)
      if (note === undefined || box === undefined) return
      editorRef.current?.commit()
      focusRect(box)
      if (permissions.canChange(note)) setEditing({ mode: 'edit', id })
    },
    [notesById, focusRect, permissions],
  )

  const startNewNote = useCallback(
    (zone: ZoneId) => {
      if (!canAddTo(zone)) return
      editorRef.current?.commit()
      const rect = nextSlotRect(layoutRef.current, zone)
      if (rect !== null) focusRect(rect)
      setEditing({ mode: 'new', zone })
    },
    [canAddTo, focusRect],
  )

  // Only a new request (a new nonce) opens the editor.
  const handledAddRequest = useRef<number | null>(null)
  useEffect(() => {
    if (!addRequest || handledAddRequest.current === addRequest.nonce) return
    handledAddRequest.current = addRequest.nonce
    startNewNote(addRequest.zone)
  }, [addRequest, startNewNote])

  // A note deleted by someone else while open here closes its editor.
  useEffect(() => {
    if (editing?.mode === 'edit' && !notesById.has(editing.id)) setEditing(null)
  }, [editing, notesById])

  const run = useCallback((command: () => void) => runCommand(command, onError), [onError])

  // --- drag and drop of notes ------------------------------------------------------------------------
  // A note goes only where this participant may move it: never into (or, as it is not draggable, out of) a section
  // locked to them.
  const dropTarget = useCallback(
    (id: string): { zone: ZoneId; index: number } | null => {
      const pointer = stageRef.current?.getRelativePointerPosition()
      const note = notesById.get(id)
      if (!pointer || note === undefined) return null
      const zone = sectionAt(layoutRef.current, pointer.x, pointer.y)
      if (zone === undefined || !permissions.canMove(note, zone)) return null
      return { zone, index: indexAt(layoutRef.current, zone, pointer.x, pointer.y) }
    },
    [notesById, permissions],
  )

  const showDropTarget = useCallback((target: { zone: ZoneId; index: number } | null) => {
    const sectionRect = dropSectionRef.current
    const slot = dropSlotRef.current
    if (sectionRect === null || slot === null) return
    const section = target ? layoutRef.current.sections.find((box) => box.zone === target.zone) : undefined
    const rect = target ? slotRect(layoutRef.current, target.zone, target.index) : null
    sectionRect.visible(section !== undefined)
    if (section)
      sectionRect.setAttrs({ x: section.x, y: section.y, width: section.width, height: section.height })
    slot.visible(rect !== null)
    if (rect) slot.setAttrs(rect)
    sectionRect.getLayer()?.batchDraw()
  }, [])

  const latest = useRef({ openNote, dropTarget, showDropTarget, run, commands, startNewNote })
  latest.current = { openNote, dropTarget, showDropTarget, run, commands, startNewNote }
  const permissionsRef = useRef(permissions)
  permissionsRef.current = permissions
  const notesByIdRef = useRef(notesById)
  notesByIdRef.current = notesById

  const noteHandlers = useMemo<NoteHandlers>(
    () => ({
      onOpen: (id) => latest.current.openNote(id),
      onDragStart: (id) => {
        editorRef.current?.commit()
        setDraggingId(id)
      },
      onDragMove: (id) => latest.current.showDropTarget(latest.current.dropTarget(id)),
      onDragEnd: (id, node) => {
        const target = latest.current.dropTarget(id)
        latest.current.showDropTarget(null)
        // Put the node back where the layout has it; if the move lands, the new layout moves it again.
        const box: NoteBox | undefined = layoutRef.current.notes.find((candidate) => candidate.id === id)
        if (box) node.position({ x: box.x, y: box.y })
        setDraggingId(null)
        if (target) latest.current.run(() => latest.current.commands.moveNote(id, target.zone, target.index))
      },
    }),
    [],
  )

  const sectionHandlers = useMemo<SectionHandlers>(
    () => ({
      onAdd: (zone) => latest.current.startNewNote(zone),
      onToggleLock: (zone, locked) => {
        if (permissionsRef.current.canLock)
          latest.current.run(() => latest.current.commands.setLock(zone, locked))
      },
    }),
    [],
  )

  // --- pan and zoom input ----------------------------------------------------------------------------
  const zoomBy = useCallback(
    (factor: number) => {
      leaveAutoView()
      const { width, height } = sizeRef.current
      camera.zoomAt(width / 2, height / 2, factor)
    },
    [camera, leaveAutoView],
  )

  const onWheel = (event: Konva.KonvaEventObject<WheelEvent>): void => {
    event.evt.preventDefault()
    leaveAutoView()
    const { deltaX, deltaY, deltaMode, ctrlKey, metaKey, shiftKey } = event.evt
    const unit = deltaMode === 1 ? 16 : deltaMode === 2 ? sizeRef.current.height : 1
    if (ctrlKey || metaKey) {
      const pointer = stageRef.current?.getPointerPosition()
      if (!pointer) return
      camera.zoomAt(pointer.x, pointer.y, Math.exp(-deltaY * unit * 0.0025))
    } else if (shiftKey && deltaX === 0) {
      camera.panBy(-deltaY * unit, 0)
    } else {
      camera.panBy(-deltaX * unit, -deltaY * unit)
    }
  }

  // Pinch: native listeners on the container rather than Konva's, because Konva stops dispatching pointer
  // events while something is dragged unless `hitOnDragEnabled`, and that would redraw the hit graph on every
  // frame of every pan.
  useEffect(() => {
    const element = containerRef.current
    if (element === null) return
    const fingers = (event: TouchEvent): { centre: { x: number; y: number }; distance: number } | null => {
      const [a, b] = [event.touches[0], event.touches[1]]
      if (!a || !b) return null
      const bounds = element.getBoundingClientRect()
      return {
        centre: { x: (a.clientX + b.clientX) / 2 - bounds.left, y: (a.clientY + b.clientY) / 2 - bounds.top },
        distance: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY),
      }
    }
    const onTouchMove = (event: TouchEvent): void => {
      if (event.touches.length !== 2) return
      event.preventDefault()
      const stage = stageRef.current
      if (stage?.isDragging()) stage.stopDrag()
      const now = fingers(event)
      if (now === null) return
      const before = pinch.current
      pinch.current = now
      if (before === null || before.distance === 0) return
      leaveAutoView()
      const view = camera.get()
      const scale = view.scale * (now.distance / before.distance)
      const boardX = (before.centre.x - view.x) / view.scale
      const boardY = (before.centre.y - view.y) / view.scale
      camera.set({ scale, x: now.centre.x - boardX * scale, y: now.centre.y - boardY * scale })
    }
    const onTouchEnd = (event: TouchEvent): void => {
      if (event.touches.length < 2) pinch.current = null
    }
    element.addEventListener('touchmove', onTouchMove, { passive: false })
    element.addEventListener('touchend', onTouchEnd)
    element.addEventListener('touchcancel', onTouchEnd)
    return () => {
      element.removeEventListener('touchmove', onTouchMove)
      element.removeEventListener('touchend', onTouchEnd)
      element.removeEventListener('touchcancel', onTouchEnd)
    }
  }, [camera, leaveAutoView])

  const onStageDragMove = (event: Konva.KonvaEventObject<DragEvent>): void => {
    const stage = stageRef.current
    if (stage === null || event.target !== stage) return
    leaveAutoView()
    camera.set({ ...camera.get(), x: stage.x(), y: stage.y() })
  }

  const onStagePointerDown = (event: Konva.KonvaEventObject<MouseEvent | TouchEvent>): void => {
    // A press anywhere on the board but the note being edited ends the edit (keeping what was typed).
    if (editing !== null && !event.target.findAncestor('.note')) editorRef.current?.commit()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== containerRef.current) return
    if (event.key === '+' || event.key === '=') zoomBy(ZOOM_STEP)
    else if (event.key === '-' || event.key === '_') zoomBy(1 / ZOOM_STEP)
    else if (event.key === '0') fitByUser()
    else return
    event.preventDefault()
  }

  // --- what to draw -------------------------------------------------------------------------------------
  const visibleNotes = useMemo(() => {
    const boxes = layout.notes.filter(
      (box) => box.id === draggingId || cullRect === null || intersects(box, cullRect),
    )
    if (draggingId !== null) {
      const index = boxes.findIndex((box) => box.id === draggingId)
      const [dragged] = index >= 0 ? boxes.splice(index, 1) : []
      if (dragged) boxes.push(dragged)
    }
    return boxes
  }, [layout.notes, cullRect, draggingId])

  const columnHeaderHeight = useMemo(() => {
    const first = layout.sections[0]
    const column = layout.columns[0]
    return first && column ? first.y - column.y : 48
  }, [layout.sections, layout.columns])

  const editorRect =
    editing === null
      ? null
      : editing.mode === 'edit'
        ? (layout.notes.find((box) => box.id === editing.id) ?? null)
        : nextSlotRect(layout, editing.zone)
  const editingNote = editing?.mode === 'edit' ? notesById.get(editing.id) : undefined
  const editingZone = editing?.mode === 'new' ? editing.zone : editingNote?.zone
  // The section was locked (or the note's rights changed) while the editor was open: say so, and send nothing.
  const editingBlocked =
    editing === null || editingZone === undefined
      ? null
      : editing.mode === 'new'
        ? canAddTo(editing.zone)
          ? null
          : `${zoneLabel(editing.zone)} has just been locked by the chair, so this note cannot be added there.`
        : editingNote === undefined || permissions.canChange(editingNote)
          ? null
          : `${zoneLabel(editingZone)} has just been locked by the chair, so this note cannot be changed now.`

  /** "My view": this screen as a picture, stamped as this person's view and not the record. */
  const saveMyView = async (): Promise<void> => {
    const stage = stageRef.current
    if (stage === null) return
    setSavingView(true)
    try {
      const at = new Date()
      const blob = await myViewPicture(stage, { title: snapshot.title, name: permissions.me.name, at })
      const fileName = myViewFileName(snapshot.title, at)
      saveFile(blob, fileName)
      onNotice?.('Your view is saved as a picture. It shows your screen, not the record.')
    } catch {
      onError('Your view could not be saved as a picture just now.')
    } finally {
      setSavingView(false)
    }
  }

  return (
    <div
      ref={containerRef}
      className="board-canvas"
      data-testid="board-canvas"
      tabIndex={0}
      role="application"
      aria-label="Map board. Drag to pan, Ctrl and scroll or pinch to zoom, plus and minus keys zoom, 0 fits the map. The outline view lists the same map for keyboard and screen reader use."
      onKeyDown={onKeyDown}
    >
      {fontsReady && size.width > 0 && size.height > 0 && (
        <Stage
          ref={stageRef}
          width={size.width}
          height={size.height}
          draggable
          onWheel={onWheel}
          onDragMove={onStageDragMove}
          onMouseDown={onStagePointerDown}
          onTouchStart={onStagePointerDown}
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
                canAdd={canAddTo(section.zone)}
                canLock={permissions.canLock}
                handlers={sectionHandlers}
              />
            ))}
          </Layer>
          <Layer listening={false}>
            <Rect
              ref={dropSectionRef}
              visible={false}
              cornerRadius={10}
              stroke={FOCUS}
              strokeWidth={3}
              fill="rgba(40, 87, 197, 0.05)"
            />
            <Rect
              ref={dropSlotRef}
              visible={false}
              cornerRadius={6}
              stroke={FOCUS}
              strokeWidth={2}
              dash={[8, 6]}
              fill="rgba(40, 87, 197, 0.08)"
            />
          </Layer>
          <Layer>
            {visibleNotes.map((box) => {
              const note = notesById.get(box.id)
              if (note === undefined) return null
              return (
                <NoteShape
                  key={box.id}
                  note={note}
                  box={box}
                  detail={detail}
                  draggable={permissions.canChange(note)}
                  handlers={noteHandlers}
                />
              )
            })}
          </Layer>
        </Stage>
      )}
      {editing !== null && editorRect !== null && (
        <NoteEditor
          key={editing.mode === 'edit' ? editing.id : `new-${editing.zone}`}
          ref={editorRef}
          camera={camera}
          rect={editorRect}
          mode={editing.mode}
          initial={editingNote}
          defaultColour={defaultNoteColour(editingZone ?? 'past-harm')}
          sectionLabel={layout.sections.find((box) => box.zone === editingZone)?.label ?? ''}
          blocked={editingBlocked}
          onAdd={(fields: NewNote) => {
            if (editing.mode === 'new' && editingBlocked === null)
              run(() => commands.addNote(editing.zone, fields))
          }}
          onChange={(patch: NoteEdit) => {
            // Read now, not from this render: the editor also sends its last edit as it unmounts, when the note
            // may have been deleted, or its section locked, since.
            if (editing.mode !== 'edit') return
            const note = notesByIdRef.current.get(editing.id)
            if (note !== undefined && permissionsRef.current.canChange(note))
              run(() => commands.updateNote(editing.id, patch))
          }}
          onDelete={() => {
            if (editing.mode === 'edit' && editingBlocked === null) run(() => commands.deleteNote(editing.id))
          }}
          onClose={() => {
            setEditing(null)
            containerRef.current?.focus({ preventScroll: true })
          }}
        />
      )}
      {detail === 'simple' && editing === null && (
        <button type="button" className="canvas-hint" data-testid="zoom-to-read" onClick={zoomToRead}>
          Zoom in to read the notes
        </button>
      )}
      <ZoomControls
        zoomLabelRef={zoomLabelRef}
        onZoomIn={() => zoomBy(ZOOM_STEP)}
        onZoomOut={() => zoomBy(1 / ZOOM_STEP)}
        onFit={fitByUser}
        onSaveView={() => void saveMyView()}
        savingView={savingView}
      />
    </div>
  )
}

/** Screen px around the map when it is fitted: less on a small screen. */
function fitPadding(viewportWidth: number): number {
  return viewportWidth < 600 ? 8 : 16
}
