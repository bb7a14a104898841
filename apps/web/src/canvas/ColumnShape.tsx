import { memo } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { ColumnBox } from '@mapboard/map-model'
import { COLUMN_TINT } from '../ui/palette.ts'
import { FONT_FAMILY } from './noteText.ts'

interface ColumnShapeProps {
  column: ColumnBox
  /** Height of the label strip above the column's first section. */
  headerHeight: number
}

/** A column's background and heading ("What are we worried about?" …), behind its sections. */
export const ColumnShape = memo(function ColumnShape({ column, headerHeight }: ColumnShapeProps) {
  const tint = COLUMN_TINT[column.id]
  return (
    <Group id={`column-${column.id}`} x={column.x} y={column.y} listening={false}>
      <Rect
        x={-8}
        y={-8}
        width={column.width + 16}
        height={column.height + 8}
        cornerRadius={14}
        fill={tint.body}
        perfectDrawEnabled={false}
      />
      <Rect
        x={-8}
        y={-8}
        width={column.width + 16}
        height={headerHeight}
        cornerRadius={[14, 14, 0, 0]}
        fill={tint.header}
      />
      <Rect x={-8} y={-8} width={6} height={headerHeight} cornerRadius={[14, 0, 0, 0]} fill={tint.accent} />
      <Text
        name="column-label"
        x={10}
        y={0}
        width={column.width - 20}
        height={headerHeight - 16}
        verticalAlign="middle"
        text={column.label}
        fontFamily={FONT_FAMILY}
        fontStyle="700"
        fontSize={20}
        fill={tint.accent}
        wrap="none"
        ellipsis
      />
    </Group>
  )
})
