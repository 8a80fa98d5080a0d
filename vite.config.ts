import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { clinicApiPlugin } from './server/vite-plugin.ts';

/**
 * The dev server for `npm start`: the demo clinic website (index.html), the admin page
 * (admin.html) and the reference clinic API at /api, whose bookings persist in the demo's data
 * folder outside the repository (server/vite-plugin.ts, `demoDataDir`).
 * The shipped files are built by scripts/build.mjs with their own configs, not this one.
 */
export default defineConfig({
  plugins: [preact(), clinicApiPlugin()],
  optimizeDeps: { include: ['luxon', 'preact', 'preact/hooks', '@preact/signals'] },
  server: { port: 5173, strictPort: false },
});
