import { Group, Text } from 'react-konva'
import type { SectionBox } from '@mapboard/map-model'
import { INK, INK_MUTED, LOCKED } from '../ui/palette.ts'
import { FONT_FAMILY } from './noteText.ts'
import { countLine, snippetLines, summaryLayout } from './sectionSummary.ts'

interface SectionSummaryShapeProps {
  section: SectionBox
  /** The texts of the section's notes, in order. */
  texts: readonly string[]
  /** The zoom the summary is drawn for (sectionSummary.ts, summaryZoom): its text is sized for it. */
  zoom: number
}

/**
 * A section's contents zoomed out too far to read its notes: its label, how many notes it holds, "Locked" when it
 * is, and the first words of the first ones, each line at a size that reads on screen (sectionSummary.ts).
 */
export function SectionSummaryShape({ section, texts, zoom }: SectionSummaryShapeProps) {
  const { labelSize, lineSize, lineHeight, inset, snippets } = summaryLayout(section, zoom)
  const width = section.width - 2 * inset
  const countY = inset + labelSize * 1.35
  const { firsts, more } = snippetLines(texts, snippets)
  // The first-words lines start below the count, and below "Locked" when the section is locked.
  const linesY = countY + (section.locked ? lineHeight : 0)
  return (
    <Group name="section-summary" listening={false}>
      <Text
        name="section-label section-summary-label"
        x={inset}
        y={inset}
        width={width}
        text={section.label}
        fontFamily={FONT_FAMILY}
        fontStyle="600"
        fontSize={labelSize}
        fill={INK}
        wrap="none"
        ellipsis
      />
      <Text
        name="section-summary-count"
        x={inset}
        y={countY}
        width={width}
        text={countLine(texts.length)}
        fontFamily={FONT_FAMILY}
        fontStyle="600"
        fontSize={lineSize}
        fill={INK_MUTED}
        wrap="none"
        ellipsis
      />
      {section.locked && (
        <Text
          name="section-lock-label section-summary-locked"
          x={inset}
          y={countY + lineHeight}
          width={width}
          text="Locked"
          fontFamily={FONT_FAMILY}
          fontStyle="600"
          fontSize={lineSize}
          fill={LOCKED.badge}
          wrap="none"
        />
      )}
      {[...firsts, ...(more !== null ? [more] : [])].map((line, index) => (
        <Text
          key={index}
          name={index < firsts.length ? 'section-summary-line' : 'section-summary-more'}
          x={inset}
          y={linesY + (index + 1) * lineHeight}
          width={width}
          text={line}
          fontFamily={FONT_FAMILY}
          fontStyle={index < firsts.length ? 'normal' : 'italic'}
          fontSize={lineSize}
          fill={index < firsts.length ? INK : INK_MUTED}
          wrap="none"
          ellipsis
        />
      ))}
    </Group>
  )
}
