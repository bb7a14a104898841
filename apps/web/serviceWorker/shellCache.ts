/// <reference lib="webworker" />
// The app shell's service worker (decision 0025): index.html, the scripts, the styles and the bundled fonts are
// kept in a cache, so a map opened before can be reopened without a network. It keeps nothing of any map (the map
// is in IndexedDB, per map) and never touches the API, the sync socket or the health check, so no token, note or
// answer of the server passes through it or is cached.

const worker = globalThis as unknown as ServiceWorkerGlobalScope

// Written in by the build (shellFilesPlugin.ts): every file of the built app, and a cache name that changes
// whenever any of them does.
const SHELL_FILES: readonly string[] = JSON.parse('__MAPBOARD_SHELL_FILES__') as string[]
const CACHE = '__MAPBOARD_SHELL_CACHE__'
const CACHE_PREFIX = 'mapboard-shell-'

/** Never the shell's: the JSON API, the sync socket (and its plain-HTTP link check) and the health check. */
const NOT_SHELL = /^\/(?:api|sync|healthz)(?:\/|$)/

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      await cache.addAll(SHELL_FILES.map((file) => `/${file}`))
      // The shell's files are hashed and the page loads them itself: the new worker can take over at once.
      await worker.skipWaiting()
    })(),
  )
})

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys()
      await Promise.all(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
          .map((name) => caches.delete(name)),
      )
      // Control the page that registered this worker, so it is served from the cache when next opened offline.
      await worker.clients.claim()
    })(),
  )
})

worker.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== worker.location.origin || NOT_SHELL.test(url.pathname)) return
  if (request.mode === 'navigate') {
    // The network first, so the server's answer (a 404 for a map that does not exist) still counts; the page
    // from the cache when there is no network.
    event.respondWith(fetch(request).catch(() => fromShell('/index.html')))
    return
  }
  event.respondWith(fromShell(url.pathname).then((hit) => (hit.ok ? hit : fetch(request))))
})

async function fromShell(path: string): Promise<Response> {
  const cache = await caches.open(CACHE)
  return (await cache.match(path)) ?? Response.error()
}
