import { useEffect, useMemo, useRef } from 'react'
import { findJargon } from '@mapboard/map-model'
import { withPlainWords, writtenTerm } from './plainWords.ts'

interface JargonHintsProps {
  /** The field's text as typed. */
  text: string
  /** The id of the field the hints are about: it takes the focus back once nothing is left to replace. */
  fieldId: string
  /** Sets the field's text: the caller treats it as if it had been typed. */
  onReplace(next: string): void
  /** The field's own limit: a wording that would take the text past it is offered but cannot be used. */
  maxLength?: number
  disabled?: boolean
}

/**
 * Flags jargon under a text field as people type (product.md, "Everyday language"), each term with a plainer
 * wording and one button to use it. Findings are announced politely, by count, only as the count changes.
 */
export function JargonHints({ text, fieldId, onReplace, maxLength, disabled = false }: JargonHintsProps) {
  const hits = useMemo(() => findJargon(text), [text])
  const listRef = useRef<HTMLUListElement>(null)
  const replaced = useRef(false)

  // After a replacement its button is gone: move on to the next one, or back to the field.
  useEffect(() => {
    if (!replaced.current) return
    replaced.current = false
    const next = listRef.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')
    ;(next ?? document.getElementById(fieldId))?.focus()
  }, [hits, fieldId])

  const count = hits.length
  return (
    <div className="jargon-hints" data-testid="jargon-hints">
      <p className="visually-hidden" role="status">
        {count === 0 ? '' : `${count} ${count === 1 ? 'word' : 'words'} could be put more plainly`}
      </p>
      {count > 0 && (
        <ul className="jargon-hint-list" ref={listRef} aria-label="Words that could be put more plainly">
          {hits.map((hit) => {
            const written = writtenTerm(text, hit)
            const next = withPlainWords(text, hit)
            const tooLong = maxLength !== undefined && next.length > maxLength
            return (
              <li
                key={`${hit.index}:${written}`}
                className="jargon-hint"
                data-testid="jargon-hint"
                data-term={hit.term}
              >
                <span className="jargon-hint-words">
                  <mark className="jargon-mark">“{written}”</mark> — plainer: “{hit.plain}”
                </span>
                <button
                  type="button"
                  className="button button-small"
                  data-testid="use-plain-words"
                  aria-label={`Use plain words for “${written}”: ${hit.plain}`}
                  disabled={disabled || tooLong}
                  onClick={() => {
                    replaced.current = true
                    onReplace(next)
                  }}
                >
                  Use plain words
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
