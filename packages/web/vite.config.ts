import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';

const api = 'http://localhost:3000';

/**
 * The console is served by the API server from packages/web/dist in production; in development Vite proxies the
 * API (cookie session, same origin) to a server on port 3000.
 */
export default defineConfig({
  plugins: [react(), precompress()],
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
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // dayjs (CommonJS) in a chunk of its own: left to the automatic splitting, Rolldown may put its interop
            // runtime beside it, and then the login page downloads dayjs too.
            { name: 'dayjs', test: /node_modules[\\/]dayjs[\\/]/ },
            // The libraries the first page needs, in one chunk: one gzip stream compresses better than many shared
            // chunks, and it changes less often than the app's own code.
            { name: 'vendor', tags: ['$initial'], test: /node_modules/ },
            // Ant Design's small shared internals (hooks, style helpers, motion) in one chunk: left to the automatic
            // splitting, each lands in whichever component's chunk shares its importers, and a page that needs one
            // hook downloads that component (a Tag pulled in antd's modal and notifications this way, and those
            // antd's form library: ≈ 37 kB compressed on the grid worker's first load; `npm run bench -- web-load`).
            {
              name: 'antd-shared',
              test: /node_modules[\\/](antd[\\/]es[\\/](_util|style|theme|config-provider|locale)[\\/]|@rc-component[\\/](util|motion|portal|resize-observer)[\\/])/,
            },
          ],
        },
      },
    },
  },
});
