import { memo } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { JudgementBox, JudgementScale } from '@mapboard/map-model'
import { SCALING_QUESTION, judgementSummary } from '@mapboard/map-model'
import { INK, INK_MUTED, SCALE_GIVEN } from '../ui/palette.ts'
import { FONT_FAMILY } from './noteText.ts'

/** Where the answers of a revealed round go: to the right of the 0–10 scale. */
const SUMMARY_X = 14 + 11 * 44 + 12

/**
 * The judgement (scaling) band below the columns, with the scaling question word for word. Once the chair has
 * revealed a round about the map overall, the numbers people gave stand out on the scale, with who gave which
 * beside it (the same as the record's picture draws).
 */
export const JudgementShape = memo(function JudgementShape({
  box,
  scale,
}: {
  box: JudgementBox
  scale: JudgementScale | null
}) {
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
      {Array.from({ length: 11 }, (_, value) => {
        const given = scale?.byScore[value]?.length ?? 0
        return (
          <Group key={value} x={14 + value * 44} y={box.height - 48}>
            <Rect
              width={36}
              height={32}
              cornerRadius={6}
              fill={given > 0 ? SCALE_GIVEN : '#f1f4f8'}
              stroke={given > 0 ? SCALE_GIVEN : '#d5dbe5'}
              strokeWidth={1}
            />
            <Text
              width={36}
              height={32}
              align="center"
              verticalAlign="middle"
              text={given > 1 ? `${value}×${given}` : String(value)}
              fontFamily={FONT_FAMILY}
              fontStyle={given > 0 ? '600' : 'normal'}
              fontSize={given > 1 ? 11 : 14}
              fill={given > 0 ? '#ffffff' : INK}
            />
          </Group>
        )
      })}
      {scale !== null && (
        <Text
          x={SUMMARY_X}
          y={box.height - 48}
          width={Math.max(0, box.width - SUMMARY_X - 14)}
          height={32}
          verticalAlign="middle"
          wrap="none"
          ellipsis
          text={`Revealed: ${judgementSummary(scale)}`}
          fontFamily={FONT_FAMILY}
          fontSize={13}
          fill={INK}
        />
      )}
    </Group>
  )
})
