import { defineConfig } from 'vite';

export default defineConfig({
  base: './', // relative asset URLs: dist/ works under any path
  worker: { format: 'es' },
  server: { fs: { allow: ['..'] } }, // the preset scenario files live in ../scenarios
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
