import { loadConfig } from './config';
import { createLogger } from './logger';
import { engineOf, openDataSource } from './db/data-source';
import { migrate } from './db/migrate';
import { createApp } from './app';
import { loadDemoIfFresh } from '../../db/seeds/demo/load-demo-if-fresh';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const dataSource = await openDataSource(config.database);
  const ran = await migrate(dataSource);
  if (ran.length > 0) logger.info({ migrations: ran }, 'database migrated');
  if (config.demoData === 'auto') await loadDemoIfFresh(dataSource, logger);

  const { app } = createApp({ config, dataSource, logger });
  const server = app.listen(config.port, config.host, () => {
    logger.info(`Préau listening on http://localhost:${config.port} (database: ${engineOf(dataSource)})`);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
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
