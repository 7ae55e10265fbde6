import { describe, expect, it } from 'vitest';
import { type MachineProbes, planMachine, prepareMachine } from './machine-setup.js';

const READY: MachineProbes = {
  hasChromium: true,
  hasPostgres: true,
  hasPdftotext: true,
  hasTestDatabaseUrl: false,
  isRoot: false,
  hasSudo: false,
  hasAptGet: true,
};

describe('what the test setup does on a machine', () => {
  it('does nothing when everything is there', () => {
    expect(planMachine(READY)).toEqual({ kind: 'ready' });
  });

  it('as root with apt-get, updates once then installs exactly what is missing', () => {
    const plan = planMachine({ ...READY, hasChromium: false, hasPostgres: false, isRoot: true });
    expect(plan).toEqual({
      kind: 'install',
      packages: ['chromium', 'postgresql'],
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium', 'postgresql'],
      ],
    });
  });

  it('uses sudo when it asks no password', () => {
    const plan = planMachine({ ...READY, hasChromium: false, hasSudo: true });
    expect(plan.kind === 'install' && plan.commands.map((c) => c.slice(0, 3))).toEqual([
      ['sudo', '-n', 'apt-get'],
      ['sudo', '-n', 'apt-get'],
    ]);
  });

  it('needs no PostgreSQL binaries when TEST_DATABASE_URL names a server', () => {
    expect(planMachine({ ...READY, hasPostgres: false, hasTestDatabaseUrl: true })).toEqual({
      kind: 'ready',
    });
  });

  it('without the right to install, stops with one line naming the command to run', () => {
    const plan = planMachine({ ...READY, hasChromium: false, hasPdftotext: false });
    expect(plan.kind).toBe('stop');
    const line = plan.kind === 'stop' ? plan.line : '';
    expect(line).not.toContain('\n');
    expect(line).toContain('sudo apt-get install -y --no-install-recommends chromium poppler-utils');
  });

  it('without apt-get, says what to install by hand', () => {
    const plan = planMachine({ ...READY, hasPostgres: false, hasAptGet: false, isRoot: true });
    expect(plan.kind === 'stop' && plan.line).toMatch(/no apt-get.*TEST_DATABASE_URL/);
  });

  it('runs the install commands in order and stops at the first that fails, with one line', () => {
    const ran: string[][] = [];
    const printed: string[] = [];
    const probes = { ...READY, hasChromium: false, isRoot: true };
    expect(
      prepareMachine(
        probes,
        (l) => printed.push(l),
        (c) => {
          ran.push(c);
          return { ok: true, output: '' };
        },
      ),
    ).toBeNull();
    expect(ran.map((c) => c[1])).toEqual(['update', 'install']);
    expect(printed).toEqual(['test setup: installing Debian packages: chromium (once)\n']);

    const failed = prepareMachine(
      probes,
      () => {},
      () => ({ ok: false, output: 'E: Unable to locate package chromium\n' }),
    );
    expect(failed).toContain('Unable to locate package chromium');
    expect(failed).toContain('sudo apt-get update && sudo apt-get install -y chromium');
    expect(failed).not.toContain('\n');
  });
});
