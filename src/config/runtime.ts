/**
 * The Node.js runtime Schuss supports. better-sqlite3 13 (the driver that does not abort the
 * process on Node ≥ 24.19) needs Node ≥ 22; Schuss is built and tested on Node 24 LTS, which
 * npm installs inside the project (the `node-<platform>-<arch>` optional dependencies put it at
 * `node_modules/.bin/node`, which every npm script runs).
 */
export const SUPPORTED_NODE = '24.11.0';

/** Platforms for which package.json pins a Node 24 binary package (`node-<platform>-<arch>`). */
export const BUNDLED_NODE_PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'win32-x64'] as const;

function parts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor, patch];
}

/** True when `version` (e.g. `v24.22.3`) is at least `floor`. */
export function isAtLeast(version: string, floor: string): boolean {
  const have = parts(version);
  const need = parts(floor);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  }
  return true;
}

/**
 * Null when this runtime may run Schuss, otherwise the one line that says which Node was found and
 * what to do — an older Node would load native modules that are unsafe on it.
 */
export function unsupportedRuntimeMessage(runtime: {
  version: string;
  platform: string;
  arch: string;
}): string | null {
  if (isAtLeast(runtime.version, SUPPORTED_NODE)) return null;
  const target = `${runtime.platform}-${runtime.arch}`;
  const bundled = (BUNDLED_NODE_PLATFORMS as readonly string[]).includes(target);
  const fix = bundled
    ? 'run it through npm (`npm start`, `npm test`), which uses the Node 24 that `npm install` put in node_modules/.bin, or run `npm install` again if that is missing'
    : `no Node 24 package exists for ${target}: install Node.js 24 LTS (nodejs.org or your package manager) and run again`;
  return `Schuss needs Node.js ${SUPPORTED_NODE} or newer but found ${runtime.version}; ${fix}.`;
}
