import { isIPv4, isIPv6 } from 'node:net'

/**
 * Whether a host name or IP literal (IPv6 with or without brackets, no port) names this machine only:
 * `localhost`, 127.0.0.0/8, `::1` and `::ffff:127.x.x.x`. Any other name may resolve to anywhere.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (name === 'localhost' || name === 'localhost.') return true
  if (isIPv4(name)) return name.startsWith('127.')
  if (!isIPv6(name)) return false
  if (name === '::1' || /^(?:0{1,4}:){7}0{0,3}1$/.test(name)) return true
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name)
  return mapped?.[1] !== undefined && mapped[1].startsWith('127.')
}

/** The host name of a `Host` header value (`example.org:3000` → `example.org`, `[::1]:3000` → `[::1]`). */
export function hostName(host: string): string {
  const bracketed = /^(\[[^\]]*\])(?::\d*)?$/.exec(host)
  if (bracketed?.[1] !== undefined) return bracketed[1].toLowerCase()
  const colon = host.indexOf(':')
  return (colon === -1 ? host : host.slice(0, colon)).toLowerCase()
}
