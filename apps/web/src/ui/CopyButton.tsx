import { useEffect, useState } from 'react'

/** Copies `text` to the clipboard and says so. Falls back to selecting a field when the clipboard is refused. */
export function CopyButton({
  text,
  label,
  fallbackInput,
}: {
  text: string
  label: string
  fallbackInput?: () => HTMLInputElement | null
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 2_000)
    return () => clearTimeout(timer)
  }, [state])

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text)
      setState('copied')
    } catch {
      const input = fallbackInput?.()
      if (input) {
        input.focus()
        input.select()
      }
      setState('failed')
    }
  }

  return (
    <button
      type="button"
      className="button button-small copy-button"
      aria-label={label}
      onClick={() => void copy()}
    >
      <span aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Press Ctrl+C' : 'Copy'}
      </span>
    </button>
  )
}
