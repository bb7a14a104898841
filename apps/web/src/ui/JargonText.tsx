import { useId, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import { findJargon } from '@mapboard/map-model'
import { writtenTerm } from './plainWords.ts'

interface JargonTextProps {
  text: string
  className?: string
  testId?: string
}

/**
 * A note's text as a reader sees it, with each flagged term a button in the text: tapping it shows what the term
 * means, in plain words, below the text (a disclosure, so the text itself reads as written). For the family
 * reading what professionals wrote.
 */
export function JargonText({ text, className, testId }: JargonTextProps) {
  const hits = useMemo(() => findJargon(text), [text])
  const [open, setOpen] = useState<number | null>(null)
  const id = useId()
  const shown = open === null ? undefined : hits.find((hit) => hit.index === open)

  const pieces: ReactNode[] = []
  let from = 0
  for (const hit of hits) {
    if (hit.index > from) pieces.push(text.slice(from, hit.index))
    const expanded = shown === hit
    pieces.push(
      <button
        key={hit.index}
        id={`${id}-word-${hit.index}`}
        type="button"
        className="jargon-word"
        data-testid="jargon-word"
        data-term={hit.term}
        aria-expanded={expanded}
        aria-controls={expanded ? `${id}-meaning` : undefined}
        onClick={() => setOpen(expanded ? null : hit.index)}
      >
        {writtenTerm(text, hit)}
      </button>,
    )
    from = hit.index + hit.length
  }
  if (from < text.length) pieces.push(text.slice(from))

  return (
    <>
      <p className={className} data-testid={testId}>
        {pieces}
      </p>
      {shown && (
        <div className="jargon-meaning" id={`${id}-meaning`} data-testid="jargon-meaning">
          <p>
            <strong>“{writtenTerm(text, shown)}”</strong> in plain words: {shown.plain}.
          </p>
          <p className="jargon-meaning-explanation">{shown.explanation}</p>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              document.getElementById(`${id}-word-${shown.index}`)?.focus()
              setOpen(null)
            }}
          >
            Close
          </button>
        </div>
      )}
    </>
  )
}
