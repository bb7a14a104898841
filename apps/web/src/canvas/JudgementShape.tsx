import { memo } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { JudgementBox } from '@mapboard/map-model'
import { SCALING_QUESTION } from '@mapboard/map-model'
import { INK, INK_MUTED } from '../ui/palette.ts'
import { FONT_FAMILY } from './noteText.ts'

/** The judgement (scaling) band below the columns, with the scaling question word for word. */
export const JudgementShape = memo(function JudgementShape({ box }: { box: JudgementBox }) {
  return (
    <Group x={box.x} y={box.y} listening={false}>
      <Rect
        width={box.width}
        height={box.height}
        cornerRadius={10}
        fill="#ffffff"
        stroke="#d5dbe5"
        strokeWidth={1}
        perfectDrawEnabled={false}
      />
      <Text
        x={14}
        y={11}
        text={box.label}
        fontFamily={FONT_FAMILY}
        fontStyle="600"
        fontSize={15}
        fill={INK}
      />
      <Text
        x={14}
        y={box.headerHeight + 6}
        width={Math.min(box.width - 28, 900)}
        text={SCALING_QUESTION}
        fontFamily={FONT_FAMILY}
        fontSize={14}
        lineHeight={1.4}
        fill={INK_MUTED}
      />
      {/* The 0–10 scale, drawn in its one true direction: 0 on the left, 10 on the right. */}
      {Array.from({ length: 11 }, (_, value) => (
        <Group key={value} x={14 + value * 44} y={box.height - 48}>
          <Rect width={36} height={32} cornerRadius={6} fill="#f1f4f8" stroke="#d5dbe5" strokeWidth={1} />
          <Text
            width={36}
            height={32}
            align="center"
            verticalAlign="middle"
            text={String(value)}
            fontFamily={FONT_FAMILY}
            fontSize={14}
            fill={INK}
          />
        </Group>
      ))}
    </Group>
  )
})
