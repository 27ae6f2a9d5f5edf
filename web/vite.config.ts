import { defineConfig } from 'vite';

// The playground is a static site: relative asset paths so it works from any folder or host.
// It imports the library's universal entry (src/index.ts), as an app bundling 'scratchnet' would.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
  server: {
    // Same headers as `servePlayground`, so `vite dev` behaves like the served build.
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
});
