/**
 * "Professionals only" when adding a note (off by default): checked, the note goes into the professionals'
 * document, which no family or viewer device ever receives. Offered to the chair and professionals only.
 */
export function ProfessionalsOnlyToggle({
  checked,
  onChange,
  fixed = false,
}: {
  checked: boolean
  onChange(checked: boolean): void
  /** Set and not to be changed: during a closed session a professional's note is for professionals only. */
  fixed?: boolean
}) {
  return (
    <label className="professionals-only-toggle">
      <input
        type="checkbox"
        checked={checked}
        disabled={fixed}
        data-testid="professionals-only-toggle"
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>
        Professionals only
        <span className="field-hint">
          {fixed
            ? ' — during the closed session, what you add is for professionals only'
            : ' — never sent to the family’s or viewers’ devices'}
        </span>
      </span>
    </label>
  )
}
