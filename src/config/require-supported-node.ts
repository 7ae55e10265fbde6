import { unsupportedRuntimeMessage } from './runtime.js';

/**
 * Imported first by every entry point (server, tests, bench): on an unsupported Node, say so in
 * one line and stop before any native module is loaded.
 */
const problem = unsupportedRuntimeMessage({
  version: process.version,
  platform: process.platform,
  arch: process.arch,
});
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
