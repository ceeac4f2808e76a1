import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once and served two ways: app://studio in Electron, http in the browser
// studio; relative asset URLs work under both.
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
  },
});
