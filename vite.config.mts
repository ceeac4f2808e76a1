import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer is built once and served two ways: app://studio in Electron, http in the browser
// studio; relative asset URLs work under both. The viewers' page (viewer.html) is a second entry
// of the same build, served by the live room at /watch/<roomId> with its assets under
// /watch/assets/: relative URLs resolve there too.
export default defineConfig({
  root: 'renderer',
  base: './',
  // assets/ (icons) is copied beside the built renderer.
  publicDir: '../assets',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // No inline <script>/<style>: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('renderer/index.html', import.meta.url)),
        viewer: fileURLToPath(new URL('renderer/viewer.html', import.meta.url)),
      },
    },
  },
});
