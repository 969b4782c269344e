import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer build: one set of files served by Electron's custom protocol and by `wstap ui`.
// Relative asset paths (base './') so both hosts can serve it from any root.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // No inline scripts or eval: the CSP is script-src 'self'.
    modulePreload: { polyfill: false },
  },
});
