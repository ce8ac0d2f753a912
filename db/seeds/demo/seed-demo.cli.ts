import { loadConfig } from '../../../server/src/config';
import { createDataSource } from '../../../server/src/db/data-source';
import { migrate } from '../../../server/src/db/migrate';
import { type DemoSummary, loadDemo } from './load-demo';

/** `npm run seed:demo`: (re)loads the demo commune into the configured database, SQLite or MariaDB. */
async function main(): Promise<void> {
  const config = loadConfig();
  const target = config.database.engine === 'sqlite' ? `SQLite ${config.database.file}` : `MariaDB ${redact(config.database.url)}`;
  const dataSource = await createDataSource(config.database).initialize();
  try {
    const ran = await migrate(dataSource);
    if (ran.length > 0) console.log(`Migrated: ${ran.join(', ')}`);
    const summary = await loadDemo(dataSource);
    console.log(describe(summary, target));
  } finally {
    await dataSource.destroy();
  }
}

function describe(summary: DemoSummary, target: string): string {
  const kinds = Object.entries(summary.equipmentByKind)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
  return [
    `Demo loaded into ${target}`,
    `  ${summary.academy} › ${summary.commune}: ${summary.circonscriptions} circonscriptions, ${summary.schools} schools, ${summary.rooms} rooms`,
    `  ${summary.equipment} items (${kinds})`,
    `  ${summary.events} history events, ${summary.searchTerms} search terms; warranties as of ${summary.today}`,
    `  Demo accounts' school: ${summary.firstSchool.name} (${summary.firstSchool.uai})`,
  ].join('\n');
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`seed:demo failed: ${message}`);
  process.exit(1);
});
