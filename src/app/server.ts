// `npm start`: configuration, database, first-start preparation, HTTP server, graceful shutdown.
import { loadConfig } from '../config/config.ts';
import { openDatabase } from '../db/database.ts';
import { jobRegistry } from './job-registry.ts';
import { startWorker } from '../jobs/worker.ts';
import { UsageError } from '../shared/errors.ts';
import { buildApp } from './build-app.ts';
import { prepareInstance } from './instance.ts';
import { createServices } from './services.ts';

function announce(lines: string[]): void {
  process.stdout.write(lines.map((l) => `  ${l}`).join('\n') + '\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const services = createServices(config, database);
  const report = await prepareInstance(services);
  const app = await buildApp(services);
  const worker = startWorker({
    queue: services.jobs,
    registry: jobRegistry(services),
    log: app.log,
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await worker.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const lines = [``, `Polylogue is running at ${config.baseUrl} (database: ${database.dialect}).`];
  if (report.demo) {
    lines.push(
      '',
      'Demo loaded. Demo accounts (shown once; every password is generated for this instance):',
    );
    for (const a of report.demo.accounts)
      lines.push(`  ${a.email}  ${a.password}  (${a.displayName})`);
    lines.push(
      `  …and ${report.demo.consultations.reduce((n, c) => n + c.contributors.length, 0)} demo contributors, all with the password ${report.demo.contributorPassword}`,
    );
  }
  if (report.setupLink)
    lines.push(
      '',
      'Create the first instance administrator with this one-time link (valid 24 hours):',
      `  ${report.setupLink}`,
    );
  if (services.mailer.kind === 'outbox')
    lines.push(
      '',
      `No SMTP_URL: e-mails go to the development outbox at ${config.baseUrl}/admin/outbox`,
    );
  announce([...lines, '']);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`polylogue: ${error.message}`);
    process.exit(2);
  }
  console.error('polylogue: could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
