import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findPgBin } from './postgres-cluster.js';

/**
 * What `npm test` needs outside node_modules, and how it gets it on a fresh machine: Debian's
 * `chromium` (the browser journeys, never skipped), PostgreSQL's server binaries (unless
 * TEST_DATABASE_URL names a server) and `pdftotext` (the quote PDF is read back). Installed with
 * apt-get when the run may (root, or sudo without a password); otherwise the run stops at once
 * with the one command to type.
 */

export interface MachineProbes {
  hasChromium: boolean;
  hasPostgres: boolean;
  hasPdftotext: boolean;
  hasTestDatabaseUrl: boolean;
  isRoot: boolean;
  /** `sudo -n` works (no password asked). */
  hasSudo: boolean;
  hasAptGet: boolean;
}

export type MachinePlan =
  | { kind: 'ready' }
  | { kind: 'install'; packages: string[]; commands: string[][] }
  | { kind: 'stop'; line: string };

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** What to do, from what the machine has: pure, so that every branch is tested with fake probes. */
export function planMachine(p: MachineProbes): MachinePlan {
  const packages = [
    ...(p.hasChromium ? [] : ['chromium']),
    ...(p.hasPostgres || p.hasTestDatabaseUrl ? [] : ['postgresql']),
    ...(p.hasPdftotext ? [] : ['poppler-utils']),
  ];
  if (packages.length === 0) return { kind: 'ready' };
  const list = packages.join(' ');
  if (p.hasAptGet && (p.isRoot || p.hasSudo)) {
    const sudo = p.isRoot ? [] : ['sudo', '-n'];
    return {
      kind: 'install',
      packages,
      commands: [
        [...sudo, 'apt-get', 'update', '-qq'],
        [...sudo, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages],
      ],
    };
  }
  const what = packages.map((name) => DESCRIPTIONS[name]).join(', ');
  if (p.hasAptGet) {
    return {
      kind: 'stop',
      line: `npm test needs ${what}: run \`sudo apt-get update && sudo apt-get install -y --no-install-recommends ${list}\`, then npm test again.`,
    };
  }
  return {
    kind: 'stop',
    line: `npm test needs ${what} (Debian packages: ${list}); this machine has no apt-get: install them (Chromium at ${CHROMIUM_PATH}${p.hasPostgres ? '' : '; or set TEST_DATABASE_URL to a PostgreSQL server'}), then npm test again.`,
  };
}

const DESCRIPTIONS: Record<string, string> = {
  chromium: `Chromium (${CHROMIUM_PATH}, the browser tests)`,
  postgresql: 'PostgreSQL’s server binaries (initdb, pg_ctl)',
  'poppler-utils': 'pdftotext',
};

function succeeds(file: string, args: string[]): boolean {
  return spawnSync(file, args, { stdio: 'ignore' }).status === 0;
}

/** This machine, as it is. */
export function probeMachine(env: NodeJS.ProcessEnv = process.env): MachineProbes {
  const isRoot = process.getuid?.() === 0;
  return {
    hasChromium: existsSync(CHROMIUM_PATH),
    hasPostgres: findPgBin() !== null,
    hasPdftotext: succeeds('sh', ['-c', 'command -v pdftotext']),
    hasTestDatabaseUrl: Boolean(env.TEST_DATABASE_URL),
    isRoot,
    hasSudo: !isRoot && succeeds('sudo', ['-n', 'true']),
    hasAptGet: succeeds('sh', ['-c', 'command -v apt-get']),
  };
}

export type Runner = (command: string[]) => { ok: boolean; output: string };

const runForReal: Runner = (command) => {
  const [file, ...args] = command;
  const result = spawnSync(file!, args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
};

/**
 * Makes the machine ready or says, in one line, what to run: answers null when ready, else the
 * line to stop with. Installing prints one line of its own.
 */
export function prepareMachine(
  probes: MachineProbes,
  write: (line: string) => void,
  run: Runner = runForReal,
): string | null {
  const plan = planMachine(probes);
  if (plan.kind === 'ready') return null;
  if (plan.kind === 'stop') return plan.line;
  write(`test setup: installing Debian packages: ${plan.packages.join(' ')} (once)\n`);
  for (const command of plan.commands) {
    const result = run(command);
    if (!result.ok) {
      const last = result.output.trim().split('\n').at(-1) ?? '';
      return `test setup could not install ${plan.packages.join(' ')} (\`${command.join(' ')}\` failed: ${last}): run \`sudo apt-get update && sudo apt-get install -y ${plan.packages.join(' ')}\`, then npm test again.`;
    }
  }
  return null;
}
