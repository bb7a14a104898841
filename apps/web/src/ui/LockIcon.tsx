/** A padlock, closed or open, sized by the surrounding text (1em). */
export function LockIcon({ locked }: { locked: boolean }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="lock-icon">
      <path d={locked ? 'M8 11V8a4 4 0 0 1 8 0v3' : 'M8 11V8a4 4 0 0 1 7.7-1.5'} fill="none" />
      <rect x="5" y="11" width="14" height="10" rx="2.5" />
    </svg>
  )
}
