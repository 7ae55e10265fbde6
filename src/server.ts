import './config/require-supported-node.js';
import { createDeps } from './app/container.js';
import { seedDemoIfEmpty } from './app/schools/seed-demo.js';
import { loadConfig } from './config/env.js';
import { buildApp } from './http/app.js';

/** Starts Schuss: migrate, seed the demo school on an empty database, listen, shut down gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const deps = await createDeps({ config });
  const pretty = process.stdout.isTTY;
  const app = await buildApp(deps, {
    logger: {
      level: config.logLevel,
      ...(pretty && {
        transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } },
      }),
    },
  });

  const demo = await seedDemoIfEmpty(deps);
  deps.outbox.start();
  setInterval(() => void deps.db.optimize(), 3_600_000).unref();
  await app.listen({ port: config.port, host: config.host });

  const url = config.publicUrl;
  const lines = [
    '',
    `  Schuss is running — ${url}/app   (database: ${deps.db.dialect}, Node ${process.version})`,
    `  API documentation  — ${url}/api/docs`,
  ];
  if (demo) {
    lines.push('', '  Demo school "ESF Démo" created. Log in with:');
    for (const account of demo.accounts) lines.push(`    ${account.email.padEnd(28)} (${account.role})`);
    lines.push(`  Password (all three): ${demo.password}`);
    if (demo.generated) lines.push('  This password is shown once; set SCHUSS_DEMO_PASSWORD to choose it.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.close();
    await deps.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Schuss could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
