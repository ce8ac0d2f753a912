import type { DataSource } from 'typeorm';
import { engineOf } from '../../../server/src/db/data-source';
import type { Logger } from '../../../server/src/logger';
import { SchoolEntity } from '../../../server/src/modules/schools/school.entity';
import { type DemoSummary, loadDemo } from './load-demo';

/**
 * First start on the embedded database: fill it with the demo commune so there is something
 * to see. A MariaDB server is someone's real database, so it only gets the demo on request
 * (`npm run seed:demo`), and neither engine gets it once any school exists. Returns what was
 * loaded, or null; the caller then files the demo incidents, which need the app's services.
 */
export async function loadDemoIfFresh(dataSource: DataSource, logger: Logger): Promise<DemoSummary | null> {
  if (engineOf(dataSource) !== 'sqlite') {
    logger.debug('demo data not loaded: only a fresh embedded SQLite database gets it automatically');
    return null;
  }
  if (await dataSource.getRepository(SchoolEntity).exists()) {
    logger.debug('demo data not loaded: the database already holds schools');
    return null;
  }
  const started = performance.now();
  const summary = await loadDemo(dataSource);
  logger.info(
    { ...summary, durationMs: Math.round(performance.now() - started) },
    `demo commune loaded: ${summary.commune}, ${summary.schools} schools, ${summary.equipment} items (npm run seed:demo reloads it)`,
  );
  return summary;
}
