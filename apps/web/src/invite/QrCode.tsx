import { useMemo } from 'react'
import qrcode from 'qrcode-generator'

/** Light modules around the code, as the QR specification asks, so phone cameras find its edges. */
const QUIET_ZONE = 4

/**
 * A QR code drawn in the page as one SVG path (no image request, no network: the server's CSP allows neither).
 * Error correction M: a link stays readable from a projector or a slightly creased printout.
 */
export function QrCode({ value, size, label }: { value: string; size: number; label: string }) {
  const { path, modules } = useMemo(() => {
    const code = qrcode(0, 'M')
    code.addData(value)
    code.make()
    const count = code.getModuleCount()
    let d = ''
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) {
        if (code.isDark(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`
      }
    }
    return { path: d, modules: count + 2 * QUIET_ZONE }
  }, [value])
  return (
    <svg
      className="qr-code"
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="invite-qr"
    >
      <rect width={modules} height={modules} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  )
}
