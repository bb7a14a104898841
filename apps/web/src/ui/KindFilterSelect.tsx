import { useId } from 'react'
import { KIND_FILTERS, isKindFilter, kindFilterLabel } from '../board/KindFilter.ts'
import type { KindFilter } from '../board/KindFilter.ts'

/** "Show: Allegations only": which kinds of information the board and the Outline show, on this device only. */
export function KindFilterSelect({
  value,
  onChange,
}: {
  value: KindFilter
  onChange(filter: KindFilter): void
}) {
  const id = useId()
  return (
    <span className="kind-filter" data-filtered={value !== 'all' ? 'true' : undefined}>
      <label htmlFor={id}>Show</label>
      <select
        id={id}
        value={value}
        data-testid="kind-filter"
        onChange={(event) => {
          if (isKindFilter(event.target.value)) onChange(event.target.value)
        }}
      >
        {KIND_FILTERS.map((filter) => (
          <option key={filter} value={filter}>
            {kindFilterLabel(filter)}
          </option>
        ))}
      </select>
    </span>
  )
}
