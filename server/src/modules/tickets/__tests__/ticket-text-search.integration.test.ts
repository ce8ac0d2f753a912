import type { Ticket } from '@preau/shared';
import { backfillTicketSearchText } from '../../../../../db/migrations/defaults/1796145251925-ticket-search-text';
import { describeEachEngine } from '../../../../../test/support/databases';
import { makeOrganisations, makeSchool } from '../../../../../test/support/factories';
import type { SchoolEntity } from '../../schools/school.entity';
import { fileReport, ticketApp, type Person, type TicketApp } from './ticket-fixtures';

/** `GET /tickets?q=`: title, description and reference, whatever the case and accents; LIKE wildcards are plain text. */
describeEachEngine('ticket list text search', (db) => {
  let t: TicketApp;
  let school: SchoolEntity;
  let director: Person;
  const ids: Record<string, number> = {};
  const references: Record<string, string> = {};

  const ds = () => db().dataSource;

  beforeAll(async () => {
    t = await ticketApp(ds());
    const org = await makeOrganisations(ds());
    school = await makeSchool(ds(), org, 'École des Songes');
    director = await t.person('director', school.id, 'Directeur des Songes');
    const reports = {
      screen: { title: 'Écran noir en CM1', description: 'La lampe du vidéoprojecteur a grillé' },
      printer: { title: 'Imprimante bloquée à 100%', description: 'Erreur code_42 au démarrage' },
      board: { title: 'Tableau sans son', description: 'Le câble HDMI manque, voir C:\\Partage\\notes' },
      mouse: { title: 'Souris perdue', description: '' },
    };
    for (const [key, fields] of Object.entries(reports)) {
      const filed = await fileReport(director.api, school.id, { category: 'other', ...fields });
      ids[key] = filed.id;
      references[key] = filed.reference;
    }
  });

  const search = async (q: string): Promise<number[]> => {
    const res = await director.api.get('/api/v1/tickets').query({ schoolId: school.id, q, pageSize: 100 });
    expect(res.status).toBe(200);
    return (res.body.items as Ticket[]).map((x) => x.id).sort((a, b) => a - b);
  };
  const only = (...keys: string[]) => keys.map((key) => ids[key]!).sort((a, b) => a - b);

  it('folds case and accents both ways', async () => {
    expect(await search('écran')).toEqual(only('screen'));
    expect(await search('ECRAN')).toEqual(only('screen'));
    expect(await search('Écran Noir')).toEqual(only('screen'));
    expect(await search('cable')).toEqual(only('board'));
    expect(await search('CÂBLE hdmi')).toEqual(only('board'));
  });

  it('searches the description and the reference as well as the title', async () => {
    expect(await search('vidéoprojecteur')).toEqual(only('screen'));
    expect(await search('demarrage')).toEqual(only('printer'));
    expect(await search(references.mouse!)).toEqual(only('mouse'));
    expect(await search(references.mouse!.toLowerCase())).toEqual(only('mouse'));
    expect(await search('introuvable')).toEqual([]);
  });

  it('takes % and _ and the escape character literally', async () => {
    expect(await search('%')).toEqual(only('printer'));
    expect(await search('100%')).toEqual(only('printer'));
    expect(await search('_')).toEqual(only('printer'));
    expect(await search('imprimante_bloquée')).toEqual([]);
    expect(await search('imprimante%100')).toEqual([]);
    expect(await search('\\')).toEqual(only('board'));
    expect(await search('c:\\partage\\')).toEqual(only('board'));
    expect(await search('\\%')).toEqual([]);
  });

  it('matches nothing for a query of accents alone, rather than everything', async () => {
    expect(await search('^')).toEqual([]);
  });

  it('finds tickets filed before the search column existed, once the migration has filled it', async () => {
    await ds().query('UPDATE ticket SET search_text = NULL WHERE id = ?', [ids.screen]);
    expect(await search('ecran')).toEqual([]);
    const runner = ds().createQueryRunner();
    await backfillTicketSearchText(runner).finally(() => runner.release());
    expect(await search('ecran')).toEqual(only('screen'));
    expect(await search('Imprimante')).toEqual(only('printer'));
  });

  it('has the search column from the migrations as the entity declares it', async () => {
    const runner = ds().createQueryRunner();
    const table = await runner.getTable('ticket').finally(() => runner.release());
    const column = table?.findColumnByName('search_text');
    expect({ type: column?.type, nullable: column?.isNullable }).toEqual({ type: 'text', nullable: true });
  });
});
