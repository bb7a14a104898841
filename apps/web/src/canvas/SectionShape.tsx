import { memo } from 'react'
import type Konva from 'konva'
import { Group, Path, Rect, Shape, Text } from 'react-konva'
import type { SectionBox, ZoneId } from '@mapboard/map-model'
import { COLUMN_TINT, INK, INK_MUTED, LOCKED } from '../ui/palette.ts'
import { FONT_FAMILY } from './noteText.ts'
import type { BoardDetail } from './readability.ts'
import { SectionSummaryShape } from './SectionSummaryShape.tsx'

export interface SectionHandlers {
  onAdd(zone: ZoneId): void
  onToggleLock(zone: ZoneId, locked: boolean): void
  /** Zoomed out to the summaries: a click or tap on a section reads it (its notes at a readable zoom). */
  onRead(zone: ZoneId): void
}

interface SectionShapeProps {
  section: SectionBox
  count: number
  /** Offer "+" and double-click to add a note. */
  canAdd: boolean
  /** Offer the lock toggle (the chair). */
  canLock: boolean
  handlers: SectionHandlers
  /** Its header and notes, or (zoomed out) a summary in place of both. */
  detail: BoardDetail
  /** While summarised: the texts of its notes, and the zoom the summary is drawn for. */
  summary: { texts: readonly string[]; zoom: number } | null
}

const BUTTON = 30
const PILL_WIDTH = 78
/** Lock icons, in a 24-unit box: a shackle (closed, or swung open) over a body drawn as a Rect. */
const SHACKLE_CLOSED = 'M8 11V8a4 4 0 0 1 8 0v3'
const SHACKLE_OPEN = 'M8 11V8a4 4 0 0 1 7.7-1.5'
const HATCH_SPACING = 12

/** Diagonal hatching over a box, drawn as one path (the Group around it clips the ends). */
function drawHatch(context: Konva.Context, shape: Konva.Shape): void {
  const width = shape.width()
  const height = shape.height()
  context.beginPath()
  for (let offset = -height; offset < width; offset += HATCH_SPACING) {
    context.moveTo(offset, height)
    context.lineTo(offset + height, 0)
  }
  context.strokeShape(shape)
}

function setCursor(event: Konva.KonvaEventObject<MouseEvent>, cursor: string): void {
  const container = event.target.getStage()?.container()
  if (container) container.style.cursor = cursor
}

function LockIcon({
  x,
  y,
  size,
  open,
  colour,
}: {
  x: number
  y: number
  size: number
  open: boolean
  colour: string
}) {
  const scale = size / 24
  return (
    <Group x={x} y={y} scaleX={scale} scaleY={scale} listening={false}>
      <Path
        data={open ? SHACKLE_OPEN : SHACKLE_CLOSED}
        stroke={colour}
        strokeWidth={2.2}
        lineCap="round"
        lineJoin="round"
      />
      <Rect x={5} y={11} width={14} height={10} cornerRadius={2.5} fill={colour} />
    </Group>
  )
}

/**
 * A section of the map: its label, how many notes it holds, whether it is locked, and the "+" to add a note (and,
 * for the chair, the lock toggle). A locked section is hatched and muted for everyone. Notes are drawn separately;
 * zoomed out too far to read them, the section shows a summary instead and a click on it reads it.
 */
export const SectionShape = memo(function SectionShape({
  section,
  count,
  canAdd,
  canLock,
  handlers,
  detail,
  summary,
}: SectionShapeProps) {
  const tint = COLUMN_TINT[section.column]
  const { locked } = section
  const add = (): void => {
    if (canAdd) handlers.onAdd(section.zone)
  }
  const read = (): void => handlers.onRead(section.zone)
  const summarised = detail === 'summary' && summary !== null
  const toggle = (): void => {
    if (canLock) handlers.onToggleLock(section.zone, !locked)
  }
  const pointer = canLock
    ? {
        onMouseEnter: (event: Konva.KonvaEventObject<MouseEvent>) => setCursor(event, 'pointer'),
        onMouseLeave: (event: Konva.KonvaEventObject<MouseEvent>) => setCursor(event, ''),
      }
    : {}

  // Right to left along the header: "+", the lock (pill when locked, small button for the chair when not), count.
  const addX = section.width - 8 - BUTTON
  const lockRight = canAdd ? addX - 6 : section.width - 8
  const lockWidth = locked ? PILL_WIDTH : canLock ? BUTTON : 0
  const lockX = lockRight - lockWidth
  const buttonY = (section.headerHeight - BUTTON) / 2 + 1
  const countRight = lockWidth > 0 ? lockX - 8 : lockRight
  const countWidth = 70
  const labelWidth = countRight - countWidth - 12

  return (
    <Group
      id={`section-${section.zone}`}
      name={locked ? 'section section-locked' : 'section'}
      x={section.x}
      y={section.y}
    >
      <Rect
        width={section.width}
        height={section.height}
        cornerRadius={10}
        fill={locked ? LOCKED.fill : '#ffffff'}
        stroke={locked ? LOCKED.edge : '#d5dbe5'}
        strokeWidth={locked ? 1.5 : 1}
        perfectDrawEnabled={false}
        {...(summarised
          ? {
              onClick: read,
              onTap: read,
              onMouseEnter: (event: Konva.KonvaEventObject<MouseEvent>) => setCursor(event, 'zoom-in'),
              onMouseLeave: (event: Konva.KonvaEventObject<MouseEvent>) => setCursor(event, ''),
            }
          : { onDblClick: add, onDblTap: add })}
      />
      {locked && (
        <Group
          y={section.headerHeight}
          clipX={1}
          clipY={0}
          clipWidth={section.width - 2}
          clipHeight={section.height - section.headerHeight - 1}
          listening={false}
        >
          <Shape
            name="section-hatch"
            width={section.width}
            height={section.height - section.headerHeight}
            sceneFunc={drawHatch}
            stroke={LOCKED.hatch}
            strokeWidth={1.5}
            perfectDrawEnabled={false}
          />
        </Group>
      )}
      {summarised ? (
        <SectionSummaryShape section={section} texts={summary.texts} zoom={summary.zoom} />
      ) : (
        <>
          <Rect
            x={12}
            y={section.headerHeight - 2}
            width={section.width - 24}
            height={1}
            fill={locked ? LOCKED.edge : tint.header}
            listening={false}
          />
          <Text
            name="section-label"
            x={12}
            y={11}
            width={Math.max(40, labelWidth)}
            text={section.label}
            fontFamily={FONT_FAMILY}
            fontStyle="600"
            fontSize={15}
            fill={INK}
            wrap="none"
            ellipsis
            listening={false}
          />
          <Text
            name="section-count"
            x={countRight - countWidth}
            y={13}
            width={countWidth}
            align="right"
            text={count > 0 ? `${count} ${count === 1 ? 'note' : 'notes'}` : ''}
            fontFamily={FONT_FAMILY}
            fontSize={12}
            fill={INK_MUTED}
            wrap="none"
            listening={false}
          />
          {locked && (
            <Group
              name={canLock ? 'lock-toggle section-lock' : 'section-lock'}
              x={lockX}
              y={buttonY}
              listening={canLock}
              onClick={toggle}
              onTap={toggle}
              {...pointer}
            >
              <Rect width={PILL_WIDTH} height={BUTTON} cornerRadius={BUTTON / 2} fill={LOCKED.badge} />
              <LockIcon x={10} y={7} size={16} open={false} colour="#ffffff" />
              <Text
                name="section-lock-label"
                x={30}
                y={9}
                text="Locked"
                fontFamily={FONT_FAMILY}
                fontStyle="600"
                fontSize={12}
                fill="#ffffff"
                listening={false}
              />
            </Group>
          )}
          {!locked && canLock && (
            <Group name="lock-toggle" x={lockX} y={buttonY} onClick={toggle} onTap={toggle} {...pointer}>
              <Rect
                width={BUTTON}
                height={BUTTON}
                cornerRadius={8}
                fill="#ffffff"
                stroke="#c3cad6"
                strokeWidth={1}
                perfectDrawEnabled={false}
              />
              <LockIcon x={7} y={6} size={16} open colour={INK_MUTED} />
            </Group>
          )}
          {canAdd && (
            <Group
              name="add-note"
              x={addX}
              y={buttonY}
              onClick={add}
              onTap={add}
              onMouseEnter={(event) => setCursor(event, 'pointer')}
              onMouseLeave={(event) => setCursor(event, '')}
            >
              <Rect
                width={BUTTON}
                height={BUTTON}
                cornerRadius={8}
                fill={tint.accent}
                perfectDrawEnabled={false}
              />
              <Rect
                x={BUTTON / 2 - 1}
                y={8}
                width={2}
                height={BUTTON - 16}
                fill="#ffffff"
                listening={false}
              />
              <Rect
                x={8}
                y={BUTTON / 2 - 1}
                width={BUTTON - 16}
                height={2}
                fill="#ffffff"
                listening={false}
              />
            </Group>
          )}
        </>
      )}
    </Group>
  )
})
