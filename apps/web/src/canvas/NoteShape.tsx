import { memo, useMemo } from 'react'
import type Konva from 'konva'
import { Group, Label, Rect, Tag, Text } from 'react-konva'
import type { InformationStatus, NoteBox, NoteSnapshot } from '@mapboard/map-model'
import { noteByline } from '../board/noteAuthorship.ts'
import { informationMark } from '../newInformation/informationText.ts'
import { sharedText, withdrawnText } from '../ui/disclosureText.ts'
import {
  FOCUS,
  INFORMATION_MARK,
  INK,
  INK_MUTED,
  KIND_BADGE,
  NOTE_FILL,
  RESTRICTED_EDGE,
  RESTRICTED_FILL,
  RESTRICTED_TEXT,
  UNSAVED_FILL,
  UNSAVED_TEXT,
} from '../ui/palette.ts'
import { NOTE_META_SIZE } from './noteFonts.ts'
import { FONT_FAMILY, NOTE_BOTTOM, NOTE_PADDING, NOTE_TOP, fitNoteText } from './noteText.ts'

/** Wide enough for "Not saved yet" at 10 px, so the mark can sit flush with the note's right edge. */
const UNSAVED_MARK_WIDTH = 84
/** Wide enough for "Professionals only" at 10 px. */
const RESTRICTED_MARK_WIDTH = 112

/** Stable callbacks shared by every note (one object for the whole board, so memo holds). */
export interface NoteHandlers {
  /** A click or tap: select the note, or (shift held) add it to the selection or take it out. */
  onSelect(id: string, additive: boolean): void
  /** A double-click or double tap: edit the note. */
  onEdit(id: string): void
  onDragStart(id: string, node: Konva.Group): void
  onDragMove(id: string, node: Konva.Group): void
  onDragEnd(id: string, node: Konva.Group): void
}

interface NoteShapeProps {
  note: NoteSnapshot
  box: NoteBox
  draggable: boolean
  /** Changed here and not yet stored by the server: marked "Not saved yet". */
  unsaved: boolean
  /** In the selection: outlined, with handles at its corners. */
  selected: boolean
  /** In the professionals' document: a border of its own and "Professionals only" on it. */
  restricted: boolean
  /** Shared late or new at the conference: marked in words on its lower edge (the Outline gives the time). */
  information: InformationStatus
  handlers: NoteHandlers
}

/** The selection outline sits this far outside the note, and its corner handles are this big (board units). */
const SELECTION_GAP = 4
const HANDLE = 9

/**
 * One sticky note. Memoised on its props: the snapshot store and the layout keep the identity of unchanged
 * notes and boxes, so a change to one note re-renders that note only.
 */
export const NoteShape = memo(function NoteShape({
  note,
  box,
  draggable,
  unsaved,
  selected,
  restricted,
  information,
  handlers,
}: NoteShapeProps) {
  const mark = informationMark(information)
  const colours = NOTE_FILL[note.colour]
  const badge = KIND_BADGE[note.kind]
  const textWidth = box.width - 2 * NOTE_PADDING
  const textHeight = box.height - NOTE_TOP - NOTE_BOTTOM
  const fitted = useMemo(
    () => fitNoteText(note.text, textWidth, textHeight),
    [note.text, textWidth, textHeight],
  )
  // A withdrawn note stays (the family has seen it), faded and struck through, saying who withdrew it and why.
  const withdrawn = note.withdrawal !== undefined
  const footer =
    note.withdrawal !== undefined
      ? withdrawnText(note.withdrawal)
      : note.sharing !== undefined
        ? sharedText(note.sharing)
        : note.source !== ''
          ? `Source: ${note.source}`
          : 'Source not given'

  return (
    <Group
      id={`note-${note.id}`}
      name="note"
      x={box.x}
      y={box.y}
      opacity={withdrawn ? 0.6 : 1}
      draggable={draggable}
      onClick={(event) => {
        if (event.evt.button === 0) handlers.onSelect(note.id, event.evt.shiftKey)
      }}
      onTap={() => handlers.onSelect(note.id, false)}
      onDblClick={(event) => {
        // Konva counts two clicks on a note within 400 ms as a double-click even with the mouse gone elsewhere
        // between them; the browser's own click count (1 here) says when it was not one.
        const { button, shiftKey, detail } = event.evt
        if (button === 0 && !shiftKey && detail !== 1) handlers.onEdit(note.id)
      }}
      onDblTap={() => handlers.onEdit(note.id)}
      onDragStart={(event) => handlers.onDragStart(note.id, event.currentTarget as Konva.Group)}
      onDragMove={(event) => handlers.onDragMove(note.id, event.currentTarget as Konva.Group)}
      onDragEnd={(event) => handlers.onDragEnd(note.id, event.currentTarget as Konva.Group)}
    >
      <Rect
        y={2}
        width={box.width}
        height={box.height}
        cornerRadius={6}
        fill="rgba(27, 34, 48, 0.10)"
        listening={false}
        perfectDrawEnabled={false}
      />
      <Rect
        width={box.width}
        height={box.height}
        cornerRadius={6}
        fill={colours.fill}
        stroke={restricted ? RESTRICTED_EDGE : colours.edge}
        strokeWidth={restricted ? 3 : 1}
        dash={restricted ? [10, 4] : undefined}
        perfectDrawEnabled={false}
      />
      <Label x={NOTE_PADDING} y={NOTE_PADDING} listening={false}>
        <Tag fill={badge.fill} cornerRadius={4} />
        <Text
          text={badge.label.toUpperCase()}
          fontFamily={FONT_FAMILY}
          fontStyle="600"
          fontSize={10}
          padding={5}
          fill={badge.text}
        />
      </Label>
      <Text
        x={NOTE_PADDING + 96}
        y={NOTE_PADDING + 3}
        width={box.width - 2 * NOTE_PADDING - 96}
        name="note-author"
        text={noteByline(note)}
        fontFamily={FONT_FAMILY}
        fontSize={NOTE_META_SIZE}
        fill={INK_MUTED}
        align="right"
        wrap="none"
        ellipsis
        listening={false}
      />
      <Text
        name="note-text"
        x={NOTE_PADDING}
        y={NOTE_TOP}
        width={textWidth}
        height={textHeight}
        text={note.text}
        fontFamily={FONT_FAMILY}
        fontSize={fitted.fontSize}
        lineHeight={fitted.lineHeight}
        fill={INK}
        textDecoration={withdrawn ? 'line-through' : ''}
        wrap="word"
        ellipsis={fitted.truncated}
        listening={false}
      />
      <Text
        x={NOTE_PADDING}
        y={box.height - NOTE_BOTTOM + 3}
        width={textWidth}
        text={footer}
        fontFamily={FONT_FAMILY}
        name={withdrawn ? 'note-withdrawn' : note.sharing !== undefined ? 'note-shared' : 'note-source'}
        fontStyle={note.source !== '' && !withdrawn && note.sharing === undefined ? 'normal' : 'italic'}
        fontSize={NOTE_META_SIZE}
        fill={INK_MUTED}
        wrap="none"
        ellipsis
        listening={false}
      />
      {restricted && (
        <Label x={6} y={-9} listening={false}>
          <Tag fill={RESTRICTED_FILL} cornerRadius={4} pointerDirection="none" />
          <Text
            name="note-restricted"
            text="Professionals only"
            width={RESTRICTED_MARK_WIDTH}
            align="center"
            fontFamily={FONT_FAMILY}
            fontStyle="600"
            fontSize={10}
            padding={4}
            fill={RESTRICTED_TEXT}
          />
        </Label>
      )}
      {mark !== null && information !== 'in-time' && (
        <Label name="note-information-mark" x={6} y={box.height - 7} listening={false}>
          <Tag fill={INFORMATION_MARK[information].fill} cornerRadius={4} pointerDirection="none" />
          <Text
            name="note-information"
            text={mark}
            fontFamily={FONT_FAMILY}
            fontStyle="600"
            fontSize={10}
            padding={4}
            fill={INFORMATION_MARK[information].text}
          />
        </Label>
      )}
      {selected && <SelectionOutline width={box.width} height={box.height} />}
      {unsaved && (
        <Label name="note-unsaved" x={box.width - UNSAVED_MARK_WIDTH - 6} y={-9} listening={false}>
          <Tag fill={UNSAVED_FILL} cornerRadius={4} pointerDirection="none" />
          <Text
            text="Not saved yet"
            width={UNSAVED_MARK_WIDTH}
            align="center"
            fontFamily={FONT_FAMILY}
            fontStyle="600"
            fontSize={10}
            padding={4}
            fill={UNSAVED_TEXT}
          />
        </Label>
      )}
    </Group>
  )
})

/** The outline and corner handles of a selected note, as whiteboards draw them; drawn only, never hit. */
function SelectionOutline({ width, height }: { width: number; height: number }) {
  const corners = [
    [-SELECTION_GAP, -SELECTION_GAP],
    [width + SELECTION_GAP, -SELECTION_GAP],
    [-SELECTION_GAP, height + SELECTION_GAP],
    [width + SELECTION_GAP, height + SELECTION_GAP],
  ] as const
  return (
    <Group name="note-selection" listening={false}>
      <Rect
        x={-SELECTION_GAP}
        y={-SELECTION_GAP}
        width={width + 2 * SELECTION_GAP}
        height={height + 2 * SELECTION_GAP}
        cornerRadius={8}
        stroke={FOCUS}
        strokeWidth={2.5}
        perfectDrawEnabled={false}
      />
      {corners.map(([x, y]) => (
        <Rect
          key={`${x},${y}`}
          x={x - HANDLE / 2}
          y={y - HANDLE / 2}
          width={HANDLE}
          height={HANDLE}
          cornerRadius={2}
          fill="#ffffff"
          stroke={FOCUS}
          strokeWidth={2}
          perfectDrawEnabled={false}
        />
      ))}
    </Group>
  )
}
