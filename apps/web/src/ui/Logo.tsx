export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="logo">
      <rect width="32" height="32" rx="7" fill="#1f3a5f" />
      <rect x="6" y="7" width="6" height="18" rx="1.5" fill="#f4b6b6" />
      <rect x="13" y="7" width="6" height="18" rx="1.5" fill="#b7e0c2" />
      <rect x="20" y="7" width="6" height="18" rx="1.5" fill="#b9d3f2" />
    </svg>
  )
}
