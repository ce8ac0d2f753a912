import { createApp } from '../../../server/src/app';
import { loadConfig } from '../../../server/src/config';
import { createDataSource } from '../../../server/src/db/data-source';
import { migrate } from '../../../server/src/db/migrate';
import { createLogger } from '../../../server/src/logger';
import { attachmentFilesIn } from '../../../server/src/modules/attachments/attachment-files';
import { fileDemoIncidents } from './demo-incidents';
import { type DemoSummary, loadDemo } from './load-demo';

/**
 * `npm run seed:demo`: (re)loads the demo commune into the configured database, SQLite or
 * MariaDB, and files its incidents through the app's services (their notifications included).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const target = config.database.engine === 'sqlite' ? `SQLite ${config.database.file}` : `MariaDB ${redact(config.database.url)}`;
  const dataSource = await createDataSource(config.database).initialize();
  try {
    const ran = await migrate(dataSource);
    if (ran.length > 0) console.log(`Migrated: ${ran.join(', ')}`);
    const summary = await loadDemo(dataSource, { attachments: attachmentFilesIn(config.dataDir) });
    console.log(describe(summary, target));
    // No e-mail for made-up incidents, whatever SMTP_URL says: a supplier or an agent with an
    // address in this académie would otherwise receive them.
    const quiet = { ...config, mail: { ...config.mail, smtpUrl: null } };
    const { services } = createApp({ config: quiet, dataSource, logger: createLogger('warn') });
    try {
      console.log(`  ${await fileDemoIncidents(dataSource, services, summary.today)} incidents filed by the demo accounts`);
    } finally {
      await services.notifier.stop();
    }
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
