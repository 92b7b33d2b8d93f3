/**
 * The web page's build: `vite build src/web` (root = this folder) writes `dist/web`, which the API serves at `/`
 * (src/api/static.ts). Preact's JSX through Vite's own transform: no framework plugin.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // no inline polyfill script: the page runs under a CSP with script-src 'self' only
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
