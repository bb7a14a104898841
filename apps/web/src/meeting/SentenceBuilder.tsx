import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import { JargonHints } from '../ui/JargonHints.tsx'

export interface Prompt<K extends string> {
  key: K
  /** The question, e.g. "Who is worried?". */
  label: string
  hint?: string
}

interface SentenceBuilderProps<K extends string> {
  title: string
  prompts: readonly Prompt<K>[]
  initial: Record<K, string>
  /** The text as first saved (when editing); otherwise it is composed from the answers. */
  initialText?: string
  compose(parts: Record<K, string>): string
  textLabel: string
  saveLabel: string
  onSave(parts: Record<K, string>, text: string): boolean
  onCancel(): void
  testId: string
}

/**
 * Asks the parts one question at a time and puts them together as plain sentences, which the writer can then
 * reword (in the family's own language where possible) before saving.
 */
export function SentenceBuilder<K extends string>({
  title,
  prompts,
  initial,
  initialText,
  compose,
  textLabel,
  saveLabel,
  onSave,
  onCancel,
  testId,
}: SentenceBuilderProps<K>) {
  const [parts, setParts] = useState(initial)
  // Once reworded by hand, the text no longer follows the answers (until asked to).
  const [text, setText] = useState(initialText ?? compose(initial))
  const [reworded, setReworded] = useState(initialText !== undefined && initialText !== compose(initial))
  const [problem, setProblem] = useState<string | null>(null)
  const id = useId()

  const setPart = (key: K, value: string): void => {
    const next = { ...parts, [key]: value } as Record<K, string>
    setParts(next)
    if (!reworded) setText(compose(next))
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const missing = prompts.find((prompt) => parts[prompt.key].trim() === '')
    if (missing) {
      setProblem(`Please answer “${missing.label}”`)
      return
    }
    if (text.trim() === '') {
      setProblem('The statement is empty.')
      return
    }
    setProblem(null)
    onSave(parts, text.trim())
  }

  return (
    <form className="meeting-form" onSubmit={submit} data-testid={testId} noValidate>
      <h3 className="meeting-form-title">{title}</h3>
      {prompts.map((prompt) => (
        <div className="field" key={prompt.key}>
          <label className="field-label" htmlFor={`${id}-${prompt.key}`}>
            {prompt.label}
          </label>
          {prompt.hint && <span className="field-hint">{prompt.hint}</span>}
          <textarea
            id={`${id}-${prompt.key}`}
            rows={2}
            value={parts[prompt.key]}
            onChange={(event) => setPart(prompt.key, event.target.value)}
            data-testid={`${testId}-${prompt.key}`}
          />
          <JargonHints
            text={parts[prompt.key]}
            fieldId={`${id}-${prompt.key}`}
            onReplace={(next) => setPart(prompt.key, next)}
          />
        </div>
      ))}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-text`}>
          {textLabel}
        </label>
        <span className="field-hint">
          Put together from the answers above. Change the wording if you need to.
        </span>
        <textarea
          id={`${id}-text`}
          rows={4}
          value={text}
          onChange={(event) => {
            setText(event.target.value)
            setReworded(true)
          }}
          data-testid={`${testId}-text`}
        />
        <JargonHints
          text={text}
          fieldId={`${id}-text`}
          onReplace={(next) => {
            setText(next)
            setReworded(true)
          }}
        />
        {reworded && (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setReworded(false)
              setText(compose(parts))
            }}
          >
            Put it together again from the answers
          </button>
        )}
      </div>
      {problem !== null && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" data-testid={`${testId}-save`}>
          {saveLabel}
        </button>
      </div>
    </form>
  )
}
