import { defineConfig } from 'vite';

// The library's Node-only file helpers (saveModel/loadModel) sit behind dynamic imports of
// node: modules; the page never calls them, so those imports stay external and unloaded.
const nodeOnly = [/^node:/];

// The playground is a static site: relative asset paths so it works from any folder or host.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rollupOptions: { external: nodeOnly },
  },
  worker: { format: 'es', rollupOptions: { external: nodeOnly } },
  server: {
    // Same headers as `servePlayground`, so `vite dev` behaves like the served build.
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
});
