import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AttachmentFiles } from '../../../../server/src/modules/attachments/attachment-files';
import { TicketAttachmentEntity } from '../../../../server/src/modules/attachments/ticket-attachment.entity';
import { EquipmentEntity } from '../../../../server/src/modules/equipment/equipment.entity';
import { NotificationEntity } from '../../../../server/src/modules/notifications/notification.entity';
import { CommuneEntity } from '../../../../server/src/modules/organisations/commune.entity';
import { TicketEventEntity } from '../../../../server/src/modules/tickets/ticket-event.entity';
import { TicketEntity } from '../../../../server/src/modules/tickets/ticket.entity';
import { testApp } from '../../../../test/support/app';
import { describeEachEngine } from '../../../../test/support/databases';
import { todayUtc } from '../../lib/dates';
import { DEMO_INCIDENTS, fileDemoIncidents } from '../demo-incidents';
import { loadDemo } from '../load-demo';

/** Where each demo incident stands once its steps are played: the protocol's own answers. */
const EXPECTED: Record<string, Partial<TicketEntity>> = {
  'Le vidéoprojecteur ne s’allume plus': { status: 'new', level: 1, groupKind: 'circonscription_level1' },
  'Plus d’internet dans toute l’école': { status: 'in_progress', level: 2, groupKind: 'commune_technicians' },
  'Deux tablettes volées dans la classe mobile': { status: 'new', level: 2, groupKind: 'commune_technicians', directorInformed: true },
  'Le copieur affiche un bourrage papier': { status: 'waiting', level: 1, groupKind: 'circonscription_level1' },
  'Impossible de me connecter à l’ENT': { status: 'new', level: 2, groupKind: 'rectorate_desk' },
  'Le portable de la classe ne charge plus': { status: 'new', level: 1, groupKind: 'circonscription_level1', outOfScope: true },
  'L’ordinateur de la classe s’éteint tout seul': { status: 'new', level: 3, groupKind: 'supplier' },
  'Borne wifi éteinte': { status: 'new', level: 1, groupKind: 'circonscription_level1' },
  'Je ne reçois plus les messages de la circonscription': { status: 'resolved', level: 1 },
  'Ordinateur de la direction très lent au démarrage': { status: 'closed', level: 1, rating: 5 },
};

describeEachEngine('demo incidents', (db) => {
  const photos = new AttachmentFiles(fs.mkdtempSync(path.join(os.tmpdir(), 'preau-demo-photos-')));
  const today = todayUtc();
  let communeId: number;

  beforeAll(async () => {
    const { dataSource } = db();
    await loadDemo(dataSource, { today });
    const { services } = testApp(dataSource);
    expect(await fileDemoIncidents(dataSource, services, today)).toBe(DEMO_INCIDENTS.length);
    await services.notifier.idle();
    communeId = (await dataSource.getRepository(CommuneEntity).findOneByOrFail({ inseeCode: '97411' })).id;
  });

  it('plays every situation of the protocol through the services', async () => {
    const tickets = await db().dataSource.getRepository(TicketEntity).findBy({ communeId });
    expect(tickets.map((ticket) => ticket.title).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const ticket of tickets) expect(ticket).toMatchObject(EXPECTED[ticket.title]!);
    // A hardware report on an item in service marked it broken, as a real one does.
    const projector = tickets.find((ticket) => ticket.title === 'Le vidéoprojecteur ne s’allume plus')!;
    expect((await db().dataSource.getRepository(EquipmentEntity).findOneByOrFail({ id: projector.equipmentId! })).status).toBe('broken');
  });

  it('leaves timelines and notifications behind, as the API would', async () => {
    const { dataSource } = db();
    const inDemo = `ticket_id IN (SELECT id FROM ticket WHERE commune_id = ${communeId})`;
    expect(await dataSource.getRepository(TicketEventEntity).createQueryBuilder().where(inDemo).getCount()).toBeGreaterThan(DEMO_INCIDENTS.length);
    expect(await dataSource.getRepository(NotificationEntity).createQueryBuilder().where(inDemo).getCount()).toBeGreaterThan(0);
  });

  it('goes, with its photos, when the demo is loaded again', async () => {
    const { dataSource } = db();
    const ticket = await dataSource.getRepository(TicketEntity).findOneByOrFail({ communeId, title: 'Borne wifi éteinte' });
    const key = await photos.save(Buffer.from('a photo'));
    await dataSource.getRepository(TicketAttachmentEntity).insert({
      ticketId: ticket.id,
      uploaderUserId: ticket.reporterUserId,
      originalName: 'borne.jpg',
      mediaType: 'image/jpeg',
      byteSize: 7,
      width: 1,
      height: 1,
      storageKey: key,
    });

    await loadDemo(dataSource, { today, attachments: photos });

    expect(await dataSource.getRepository(TicketEntity).countBy({ communeId })).toBe(0);
    expect(await dataSource.getRepository(TicketAttachmentEntity).countBy({ storageKey: key })).toBe(0);
    expect(fs.existsSync(photos.pathOf(key))).toBe(false);
    const orphans = `ticket_id NOT IN (SELECT id FROM ticket)`;
    expect(await dataSource.getRepository(NotificationEntity).createQueryBuilder().where(`ticket_id IS NOT NULL AND ${orphans}`).getCount()).toBe(0);
    expect(await dataSource.getRepository(TicketEventEntity).createQueryBuilder().where(orphans).getCount()).toBe(0);
  });
});
