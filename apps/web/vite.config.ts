import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { SERVICE_WORKER_FILE, shellFilesPlugin } from './serviceWorker/shellFilesPlugin.ts'

// The API server (apps/server) listens on 3000 in development; the dev server forwards to it so the page
// only ever talks to its own origin, as it does in production.
const apiServer = 'http://127.0.0.1:3000'

export default defineConfig({
  plugins: [react(), shellFilesPlugin()],
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/sync': { target: apiServer, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP allows 'self' only: never inline fonts or images as data: URLs.
    assetsInlineLimit: 0,
    rollupOptions: {
      // The page, and the app shell's service worker at the root (its scope is the whole app).
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        sw: fileURLToPath(new URL('serviceWorker/shellCache.ts', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? SERVICE_WORKER_FILE : 'assets/[name]-[hash].js'),
      },
    },
  },
})
