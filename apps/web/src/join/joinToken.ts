const tokenKey = (mapId: string): string => `mapboard:token:${mapId}`

/**
 * The link's capability token rides in the URL fragment (`/m/<mapId>#<token>`). Take it, keep it for this
 * tab in sessionStorage (so a reload still works), and strip it from the address bar so a copied address or
 * a screenshot does not pass the capability on by accident.
 */
export function takeJoinToken(mapId: string): string | null {
  const fragment = decodeURIComponent(window.location.hash.replace(/^#/, '')).trim()
  if (fragment !== '') {
    safeSession()?.setItem(tokenKey(mapId), fragment)
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search)
    return fragment
  }
  return safeSession()?.getItem(tokenKey(mapId)) ?? null
}

export function forgetJoinToken(mapId: string): void {
  safeSession()?.removeItem(tokenKey(mapId))
}

function safeSession(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}
