/**
 * "Professionals only" when adding a note (off by default): checked, the note goes into the professionals'
 * document, which no family or viewer device ever receives. Offered to the chair and professionals only.
 */
export function ProfessionalsOnlyToggle({
  checked,
  onChange,
}: {
  checked: boolean
  onChange(checked: boolean): void
}) {
  return (
    <label className="professionals-only-toggle">
      <input
        type="checkbox"
        checked={checked}
        data-testid="professionals-only-toggle"
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>
        Professionals only
        <span className="field-hint"> — never sent to the family’s or viewers’ devices</span>
      </span>
    </label>
  )
}
