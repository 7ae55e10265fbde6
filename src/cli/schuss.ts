import '../config/require-supported-node.js';
import { runCli } from './program.js';

/** `npm run schuss -- <command>` / `npx schuss <command>`: see `schuss --help`. */
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.exitCode = code;
