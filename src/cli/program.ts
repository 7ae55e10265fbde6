import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createDeps } from '../app/container.js';
import type { AppDeps } from '../app/deps.js';
import { openSchool } from '../app/schools/open-school.js';
import { resetStaffPassword } from '../app/schools/reset-staff-password.js';
import { rotateAppSecret } from '../app/schools/rotate-app-secret.js';
import { disableSchool, enableSchool, listSchools } from '../app/schools/school-access.js';
import { type Config, loadConfig } from '../config/env.js';
import { isPostgresUrl } from '../db/connection.js';
import { isAppError, textIn } from '../domain/errors.js';
import { BackupError, backupSqlite, restoreSqlite } from './backup.js';

/** Where the command writes, and the environment it reads its configuration from (the server's). */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Use-case field names → the flags the operator typed. */
const FLAGS: Record<string, string> = {
  slug: '--slug',
  name: '--name',
  timeZone: '--time-zone',
  language: '--language',
  adminEmail: '--admin-email',
  adminName: '--admin-name',
  email: '--email',
};

class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const PG_BACKUP = [
  'On PostgreSQL, back up with pg_dump and restore with pg_restore:',
  '  pg_dump --format=custom --file=schuss.dump "$DATABASE_URL"',
  '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" schuss.dump',
].join('\n');

function nonEmpty(value: string): string {
  if (value.trim().length === 0) throw new InvalidArgumentError('must not be empty.');
  return value;
}

/** The `schuss` command: operator tasks on the same configuration (environment) as the server. */
export function buildProgram(io: CliIo): Command {
  const config = (): Config => loadConfig(io.env);
  const withDeps = async <T>(run: (deps: AppDeps, config: Config) => Promise<T>): Promise<T> => {
    const c = config();
    const deps = await createDeps({ config: { ...c, logLevel: 'silent' } });
    try {
      return await run(deps, c);
    } finally {
      await deps.close();
    }
  };

  const program = new Command('schuss')
    .description('Operate a Schuss installation (reads DATABASE_URL / SQLITE_FILE like the server).')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(text) })
    .exitOverride();

  const school = program.command('school').description('create, list and disable schools');
  school
    .command('create')
    .description('create a school with its first admin; prints the admin’s password once')
    .requiredOption('--slug <slug>', 'address of its forms: /f/<slug>/vel (a-z, 0-9, dashes)', nonEmpty)
    .requiredOption('--name <name>', 'the school’s name', nonEmpty)
    .option('--time-zone <zone>', 'IANA time zone of its calendar', 'Europe/Paris')
    .option('--language <code>', 'customers’ default language: fr, en, de, it, es, nl', 'fr')
    .requiredOption('--admin-email <email>', 'login of the first admin', nonEmpty)
    .requiredOption('--admin-name <name>', 'name of the first admin', nonEmpty)
    .action(async (o: Record<string, string>) => {
      const opened = await withDeps((deps) =>
        openSchool(deps, {
          slug: o.slug!,
          name: o.name!,
          timeZone: o.timeZone!,
          language: o.language!,
          adminEmail: o.adminEmail!,
          adminName: o.adminName!,
        }),
      );
      const url = config().publicUrl;
      const admin = opened.school.users[0]!;
      io.out(
        [
          `School "${o.name!.trim()}" created (${opened.school.slug}).`,
          `  Forms:     ${url}/f/${opened.school.slug}/vel · /contact · /sur-mesure`,
          `  Staff app: ${url}/app`,
          `  Admin:     ${admin.email}`,
          `  Password:  ${opened.password}`,
          'This password is shown once and stored only as a hash: hand it over now.',
          'Forgotten? `schuss staff reset-password --email …` gives a new one.',
          '',
        ].join('\n'),
      );
    });
  school
    .command('list')
    .description('list every school')
    .option('--json', 'one JSON array instead of a table')
    .action(async (o: { json?: boolean }) => {
      const schools = await withDeps((deps) => listSchools(deps));
      if (o.json) return io.out(`${JSON.stringify(schools, null, 2)}\n`);
      const rows = [
        ['slug', 'name', 'time zone', 'lang', 'staff', 'status'],
        ...schools.map((s) => [
          s.slug,
          s.name,
          s.timeZone,
          s.defaultLanguage,
          String(s.activeStaff),
          s.disabledAt ? `disabled ${s.disabledAt.slice(0, 10)}` : 'active',
        ]),
      ];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      io.out(
        `${rows
          .map((r) =>
            r
              .map((cell, i) => cell.padEnd(widths[i]!))
              .join('  ')
              .trimEnd(),
          )
          .join('\n')}\n`,
      );
    });
  const access = [
    [
      'disable',
      'suspend a school: forms closed, logins refused, sessions ended (nothing deleted)',
      disableSchool,
      'disabled',
      'was disabled already',
    ],
    [
      'enable',
      'give a disabled school its forms and logins back',
      enableSchool,
      'enabled',
      'was not disabled',
    ],
  ] as const;
  for (const [name, description, change, done, unchanged] of access) {
    school
      .command(name)
      .description(description)
      .requiredOption('--slug <slug>', 'the school', nonEmpty)
      .action(async (o: { slug: string }) => {
        const changed = await withDeps((deps) => change(deps, o.slug));
        io.out(`School ${o.slug} ${changed ? done : unchanged}.\n`);
      });
  }

  program
    .command('staff')
    .description('staff accounts')
    .command('reset-password')
    .description('give an account a new generated password (printed once); its sessions end')
    .requiredOption('--email <email>', 'the account’s login', nonEmpty)
    .action(async (o: { email: string }) => {
      const reset = await withDeps((deps) => resetStaffPassword(deps, o.email));
      io.out(
        `New password for ${reset.email}: ${reset.password}\nShown once; every session of the account ended.\n`,
      );
    });

  program
    .command('keys')
    .description('instance secrets')
    .command('rotate')
    .description('replace the app secret (see README: what keeps working, what is refused once)')
    .action(async () => {
      const rotated = await withDeps((deps) => rotateAppSecret(deps));
      const after = [
        'Restart every Schuss process now. Then:',
        '  - staff sessions stay open; customers’ private links (/c/…) keep opening, old and new e-mails alike;',
        '  - forms displayed and proof-of-work challenges handed out before the restart are refused once',
        '    (the visitor reloads the form); device cookies stop easing login limits until the next sign-in.',
        '',
      ];
      if (rotated.forEnvironment) {
        io.out(
          [
            'APP_SECRET is set in the environment: put this new value there (every process):',
            `  APP_SECRET=${rotated.forEnvironment}`,
            'The private-link key is now kept in the database, so links survive the change.',
            ...after,
          ].join('\n'),
        );
      } else io.out(['New app secret stored in the database.', ...after].join('\n'));
    });

  program
    .command('backup')
    .description('consistent online copy of the SQLite database, while the server runs')
    .requiredOption('--to <file>', 'the new backup file', nonEmpty)
    .action(async (o: { to: string }) => {
      const c = config();
      if (isPostgresUrl(c.databaseUrl)) throw new CliFailure(PG_BACKUP, 2);
      const report = await backupSqlite(c.sqliteFile, o.to);
      io.out(
        `Backup written: ${report.file} (${report.bytes} bytes, ${report.schools} schools, ${report.requests} requests).\n`,
      );
    });
  program
    .command('restore')
    .description('replace the SQLite database by a backup (stop the server first)')
    .requiredOption('--from <file>', 'a file written by `schuss backup`', nonEmpty)
    .addOption(new Option('--yes', 'confirm: the server is stopped').makeOptionMandatory())
    .action(async (o: { from: string }) => {
      const c = config();
      if (isPostgresUrl(c.databaseUrl)) throw new CliFailure(PG_BACKUP, 2);
      const report = await restoreSqlite(o.from, c.sqliteFile, new Date());
      io.out(
        [
          `Restored ${report.file} from ${o.from} (${report.schools} schools, ${report.requests} requests).`,
          report.previous ? `The database it replaced is kept as ${report.previous}.` : '',
          'Start the server: it applies any newer migration.',
          '',
        ]
          .filter((l, i, all) => l !== '' || i === all.length - 1)
          .join('\n'),
      );
    });

  return program;
}

/** Runs the command line `argv` (without node and script); answers the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.err(`error: ${describe(error)}\n`);
    return error instanceof CliFailure ? error.exitCode : 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof CliFailure) return error.message;
  if (error instanceof BackupError) return `${error.flag}: ${error.message}`;
  if (isAppError(error)) {
    const fields = Object.entries(error.fieldTexts ?? {});
    if (fields.length === 0) return textIn(error.text, 'en');
    return fields.map(([field, text]) => `${FLAGS[field] ?? field}: ${textIn(text, 'en')}`).join('\n       ');
  }
  return error instanceof Error ? error.message : String(error);
}
