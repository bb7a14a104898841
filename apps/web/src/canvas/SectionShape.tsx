import { memo } from 'react'
import type Konva from 'konva'
import { Group, Rect, Text } from 'react-konva'
import type { SectionBox, ZoneId } from '@mapboard/map-model'
import { COLUMN_TINT, INK, INK_MUTED } from '../ui/palette.ts'
import { FONT_FAMILY } from './noteText.ts'

export interface SectionHandlers {
  onAdd(zone: ZoneId): void
}

interface SectionShapeProps {
  section: SectionBox
  count: number
  canAdd: boolean
  handlers: SectionHandlers
}

const ADD_SIZE = 30
const STATUS_WIDTH = 130

function setCursor(event: Konva.KonvaEventObject<MouseEvent>, cursor: string): void {
  const container = event.target.getStage()?.container()
  if (container) container.style.cursor = cursor
}

/** A section of the map: its label, how many notes it holds, and a "+" to add one. Notes are drawn separately. */
export const SectionShape = memo(function SectionShape({
  section,
  count,
  canAdd,
  handlers,
}: SectionShapeProps) {
  const tint = COLUMN_TINT[section.column]
  const add = (): void => {
    if (canAdd) handlers.onAdd(section.zone)
  }
  return (
    <Group id={`section-${section.zone}`} name="section" x={section.x} y={section.y}>
      <Rect
        width={section.width}
        height={section.height}
        cornerRadius={10}
        fill="#ffffff"
        stroke="#d5dbe5"
        strokeWidth={1}
        perfectDrawEnabled={false}
        onDblClick={add}
        onDblTap={add}
      />
      <Rect
        x={12}
        y={section.headerHeight - 2}
        width={section.width - 24}
        height={1}
        fill={tint.header}
        listening={false}
      />
      <Text
        name="section-label"
        x={12}
        y={11}
        width={section.width - 24 - ADD_SIZE - STATUS_WIDTH}
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
        x={section.width - 16 - ADD_SIZE - STATUS_WIDTH}
        y={13}
        width={STATUS_WIDTH}
        align="right"
        text={[section.locked ? 'Locked' : '', count > 0 ? `${count} ${count === 1 ? 'note' : 'notes'}` : '']
          .filter(Boolean)
          .join('  ·  ')}
        fontFamily={FONT_FAMILY}
        fontSize={12}
        fill={INK_MUTED}
        wrap="none"
        listening={false}
      />
      {canAdd && (
        <Group
          name="add-note"
          x={section.width - 8 - ADD_SIZE}
          y={(section.headerHeight - ADD_SIZE) / 2 + 1}
          onClick={add}
          onTap={add}
          onMouseEnter={(event) => setCursor(event, 'pointer')}
          onMouseLeave={(event) => setCursor(event, '')}
        >
          <Rect
            width={ADD_SIZE}
            height={ADD_SIZE}
            cornerRadius={8}
            fill={tint.accent}
            perfectDrawEnabled={false}
          />
          <Rect
            x={ADD_SIZE / 2 - 1}
            y={8}
            width={2}
            height={ADD_SIZE - 16}
            fill="#ffffff"
            listening={false}
          />
          <Rect
            x={8}
            y={ADD_SIZE / 2 - 1}
            width={ADD_SIZE - 16}
            height={2}
            fill="#ffffff"
            listening={false}
          />
        </Group>
      )}
    </Group>
  )
})
