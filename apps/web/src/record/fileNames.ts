import type { ExportFormat, ExportInfo } from '@mapboard/protocol'

// File names for what people save: the server's own name for a kept export when it gives one, otherwise one made
// from the map's title, so a folder of downloads still says which map and which version each file is.

type ExportAudience = ExportInfo['audience']

const AUDIENCE_PART: Record<ExportAudience, string> = { shared: '', professionals: 'professionals-' }
const KIND: Record<ExportFormat, string> = { pdf: 'record', png: 'map', letter: 'family-letter' }
const EXTENSION: Record<ExportFormat, string> = { pdf: 'pdf', png: 'png', letter: 'pdf' }

/** The title as a file-name part: lower case, letters and digits joined by hyphens, not too long. */
export function fileSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return slug || 'map'
}

/** The `filename` of a Content-Disposition header (plain or RFC 5987 `filename*`), or null. */
export function dispositionFileName(header: string | null): string | null {
  if (header === null) return null
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (extended?.[1] !== undefined) {
    try {
      return safeName(decodeURIComponent(extended[1].trim()))
    } catch {
      // malformed: fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header)
  const name = plain?.[1] ?? plain?.[2]
  return name === undefined ? null : safeName(name.trim())
}

/**
 * `mapboard-record-<title>-v<version>.pdf`, `mapboard-map-<title>-v<version>.png`,
 * `mapboard-family-letter-<title>-v<version>.pdf`; the professionals' record
 * `mapboard-professionals-record-…` and `mapboard-professionals-map-…`, so a folder never mixes the two up.
 */
export function exportFileName(
  format: ExportFormat,
  title: string,
  version: string | null,
  audience: ExportAudience = 'shared',
): string {
  const suffix = version !== null && /^\d+$/.test(version) ? `-v${version}` : ''
  return `mapboard-${AUDIENCE_PART[audience]}${KIND[format]}-${fileSlug(title)}${suffix}.${EXTENSION[format]}`
}

/**
 * The name to save an export under: the server's, if it says which record it is (a professionals' one names
 * "professionals", a shared one never does); otherwise our own, which always does.
 */
export function recordFileName(
  serverName: string | null,
  format: ExportFormat,
  title: string,
  version: string | null,
  audience: ExportAudience,
): string {
  const saysProfessionals = serverName !== null && /professionals/i.test(serverName)
  if (serverName !== null && saysProfessionals === (audience === 'professionals')) return serverName
  return exportFileName(format, title, version, audience)
}

/** `mapboard-my-view-not-the-record-<title>-<YYYY-MM-DD-HHMM>.png`: the name itself says what it is not. */
export function myViewFileName(title: string, at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`
  return `mapboard-my-view-not-the-record-${fileSlug(title)}-${stamp}.png`
}

/** No folders and nothing a file system would refuse. */
function safeName(name: string): string | null {
  const cleaned = [...name]
    .map((char) => (char.charCodeAt(0) < 32 || '/\\:*?"<>|'.includes(char) ? '-' : char))
    .join('')
    .trim()
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? null : cleaned
}
