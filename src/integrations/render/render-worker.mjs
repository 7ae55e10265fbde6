// The render pool's thread (piscina): plain JavaScript, so that it can load the TypeScript/TSX
// jobs through tsx's loader — the same way under `npm start`, vitest and the benchmark.
import { register } from 'tsx/esm/api';

register();
const jobs = import('./render-jobs.tsx');

/** One rendering job (render-jobs.tsx `RenderJob`) → its outcome. */
export default async function renderTask(job) {
  const { runRenderTask } = await jobs;
  return runRenderTask(job);
}
