import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// The API server (apps/server) listens on 3000 in development; the dev server forwards to it so the page
// only ever talks to its own origin, as it does in production.
const apiServer = 'http://127.0.0.1:3000'

export default defineConfig({
  plugins: [react()],
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
  },
})
