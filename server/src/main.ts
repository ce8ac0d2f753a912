import { loadConfig } from './config';
import { createLogger } from './logger';
import { engineOf, openDataSource } from './db/data-source';
import { migrate } from './db/migrate';
import http from 'node:http';
import cron from 'node-cron';
import { createApp } from './app';
import { attachRealtime } from './realtime/gateway';
import { startSlaSweep } from './modules/sla/sla-sweep.job';
import { startWeeklyDigests } from './modules/digests/weekly-digest.job';
import { loadDemoIfFresh } from '../../db/seeds/demo/load-demo-if-fresh';
import { fileDemoIncidents } from '../../db/seeds/demo/demo-incidents';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const dataSource = await openDataSource(config.database);
  const ran = await migrate(dataSource);
  // Without statistics SQLite plans status filters badly (the sweep read every open ticket by index).
  if (engineOf(dataSource) === 'sqlite') await dataSource.query('PRAGMA optimize');
  if (ran.length > 0) logger.info({ migrations: ran }, 'database migrated');
  const demo = config.demoData === 'auto' ? await loadDemoIfFresh(dataSource, logger) : null;

  const { app, services, sessionAuth } = createApp({ config, dataSource, logger });
  if (demo) {
    // A nicety of the demo: the server starts without them rather than not at all.
    await fileDemoIncidents(dataSource, services, demo.today)
      .then((filed) => logger.info(`demo incidents filed: ${filed}`))
      .catch((err: unknown) => logger.error({ err }, 'demo incidents not filed'));
  }
  // Expired sessions are refused on read; this only reclaims their rows. Idempotent, so
  // several server processes may all run it.
  const pruneSessions = cron.schedule('17 * * * *', () => {
    services.sessions
      .prune()
      .then((count) => count > 0 && logger.info({ count }, 'expired sessions pruned'))
      .catch((err: unknown) => logger.error({ err }, 'session pruning failed'));
  });
  // Service-target warnings and breaches, auto-close of resolved tickets: one process per tick (a database lock).
  const slaSweep = startSlaSweep({ config, dataSource, services, logger });
  // ERUN and city managers' Monday digest by e-mail (when SMTP_URL is set): one process sends it (a database lock).
  const weeklyDigests = startWeeklyDigests({ config, dataSource, logger });
  const server = http.createServer(app);
  const realtime = await attachRealtime(server, { services, dataSource, sessionAuth, config, logger });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The bound port, not the asked one: PORT=0 (tests) picks a free port.
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const live = config.redisUrl ? 'live events: Redis' : 'live events: this process';
  logger.info(`Préau listening on http://localhost:${port} (database: ${engineOf(dataSource)}, ${live})`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    void pruneSessions.stop();
    void slaSweep.stop();
    void weeklyDigests.stop();
    // Closing Socket.IO disconnects the sockets and closes the HTTP server.
    realtime
      .close()
      // Notifications already queued (e-mails included) go out before the database closes.
      .then(() => services.notifier.stop())
      .then(() => dataSource.destroy())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
