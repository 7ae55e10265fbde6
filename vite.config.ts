/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig } from 'vite';

const projectRoot = import.meta.dirname;

/**
 * The staff web app (src/web), served by the Fastify app at /app from dist/web.
 * Vitest also reads this file when no vitest.config.ts exists: `test.root` keeps the tests
 * rooted at the project, not at src/web.
 */
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
    // The budget is enforced by measuring gzip size; this only flags a runaway chunk early.
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  test: {
    root: projectRoot,
  },
});
