import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig } from 'vite';

const projectRoot = import.meta.dirname;

/** The staff web app (src/web), served by the Fastify app at /app from dist/web (tests: vitest.config.ts). */
export default defineConfig({
  root: resolve(projectRoot, 'src/web'),
  base: '/app/',
  plugins: [react()],
  css: {
    postcss: { plugins: [postcssPresetMantine()] },
  },
  build: {
    outDir: resolve(projectRoot, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // Raw size, only to flag a runaway chunk early; the first-load budget (gzipped) is checked by
    // test/e2e/staff-shell.e2e.test.ts.
    chunkSizeWarningLimit: 500,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
