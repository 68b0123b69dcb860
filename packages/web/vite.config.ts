import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://localhost:3000';

/**
 * The console is served by the API server from packages/web/dist in production; in development Vite proxies the
 * API (cookie session, same origin) to a server on port 3000.
 */
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': api, '/open311': api },
  },
  preview: {
    proxy: { '/api': api, '/open311': api },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});
