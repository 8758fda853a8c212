// The offline single file (dist/hemma-offline.html) is assembled by
// scripts/offline.mjs from two classic-script (IIFE) builds made with this
// config: `--mode main` (the page, with the blob-worker starter) and
// `--mode worker` (the worker core for wasm-bindgen's no-modules glue).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig(({ mode }) => ({
  base: './',
  server: { fs: { allow: ['..'] } },
  resolve: {
    alias: [{ find: /^\.\/make-worker\.js$/, replacement: fileURLToPath(new URL('./src/make-worker-offline.js', import.meta.url)) }],
  },
  build: {
    target: 'es2022',
    outDir: `dist-offline/${mode}`,
    emptyOutDir: true,
    cssCodeSplit: false,
    lib: {
      entry: mode === 'worker' ? 'src/worker-offline.js' : 'src/main.js',
      formats: ['iife'],
      name: mode === 'worker' ? 'hemmaWorker' : 'hemmaPage',
      fileName: () => `hemma-${mode}.js`,
      cssFileName: 'hemma',
    },
  },
}));
