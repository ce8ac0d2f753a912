import { loadConfig } from './config';
import { createLogger } from './logger';
import { engineOf, openDataSource } from './db/data-source';
import { migrate } from './db/migrate';
import cron from 'node-cron';
import { createApp } from './app';
import { loadDemoIfFresh } from '../../db/seeds/demo/load-demo-if-fresh';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const dataSource = await openDataSource(config.database);
  const ran = await migrate(dataSource);
  if (ran.length > 0) logger.info({ migrations: ran }, 'database migrated');
  if (config.demoData === 'auto') await loadDemoIfFresh(dataSource, logger);

  const { app, services } = createApp({ config, dataSource, logger });
  // Expired sessions are refused on read; this only reclaims their rows. Idempotent, so
  // several server processes may all run it.
  const pruneSessions = cron.schedule('17 * * * *', () => {
    services.sessions
      .prune()
      .then((count) => count > 0 && logger.info({ count }, 'expired sessions pruned'))
      .catch((err: unknown) => logger.error({ err }, 'session pruning failed'));
  });
  const server = app.listen(config.port, config.host, () => {
    // The bound port, not the asked one: PORT=0 (tests) picks a free port.
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info(`Préau listening on http://localhost:${port} (database: ${engineOf(dataSource)})`);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    void pruneSessions.stop();
    server.close(() => void dataSource.destroy().then(() => process.exit(0)));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
