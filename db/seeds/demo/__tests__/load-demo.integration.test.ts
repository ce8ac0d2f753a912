import { createLogger } from '../../../../server/src/logger';
import { AcademyEntity } from '../../../../server/src/modules/organisations/academy.entity';
import { CirconscriptionEntity } from '../../../../server/src/modules/organisations/circonscription.entity';
import { CommuneEntity } from '../../../../server/src/modules/organisations/commune.entity';
import { SchoolEntity } from '../../../../server/src/modules/schools/school.entity';
import { RoomEntity } from '../../../../server/src/modules/schools/room.entity';
import { EquipmentEntity } from '../../../../server/src/modules/equipment/equipment.entity';
import { EquipmentEventEntity } from '../../../../server/src/modules/equipment/equipment-event.entity';
import { EquipmentSearchTermEntity } from '../../../../server/src/modules/equipment/equipment-search-term.entity';
import { searchTermsFor } from '../../../../server/src/modules/equipment/search-terms';
import { createTestDatabase, describeEachEngine } from '../../../../test/support/databases';
import { generateDemo } from '../demo-data';
import { loadDemo } from '../load-demo';
import { loadDemoIfFresh } from '../load-demo-if-fresh';

const TODAY = '2026-09-01';
const expected = generateDemo({ today: TODAY });
const silent = createLogger('silent');

describeEachEngine('loadDemo', (db) => {
  let otherSchoolId: number;
  let otherItemId: number;

  beforeAll(async () => {
    // Someone else's data, which reloading the demo must leave alone.
    const manager = db().dataSource.manager;
    const academy = await manager.save(AcademyEntity, { code: 'montpellier', name: 'Académie de Montpellier' });
    const circonscription = await manager.save(CirconscriptionEntity, { name: 'Sète', academyId: academy.id });
    const commune = await manager.save(CommuneEntity, { name: 'Sète', inseeCode: '34301', academyId: academy.id });
    const school = await manager.save(SchoolEntity, {
      uai: '0341301E',
      name: 'École élémentaire Paul Bert',
      type: 'EE',
      address: null,
      postalCode: '34200',
      communeId: commune.id,
      circonscriptionId: circonscription.id,
      retiredAt: null,
    });
    const item = await manager.save(EquipmentEntity, {
      kind: 'desktop',
      status: 'in_service',
      assetTag: 'SDN-000001',
      communeId: commune.id,
      schoolId: school.id,
      funding: 'commune',
    } as EquipmentEntity);
    otherSchoolId = school.id;
    otherItemId = item.id;
  });

  it('loads the generated demo once, however many times it runs', async () => {
    const { dataSource } = db();
    const first = await loadDemo(dataSource, { today: TODAY });
    const second = await loadDemo(dataSource, { today: TODAY });
    expect(second).toEqual(first);

    const commune = await dataSource.getRepository(CommuneEntity).findOneByOrFail({ inseeCode: '97411' });
    const academy = await dataSource.getRepository(AcademyEntity).findOneByOrFail({ code: 'reunion' });
    const inDemo = { communeId: commune.id };
    expect(await dataSource.getRepository(AcademyEntity).countBy({ code: 'reunion' })).toBe(1);
    expect(await dataSource.getRepository(CirconscriptionEntity).countBy({ academyId: academy.id })).toBe(4);
    expect(await dataSource.getRepository(SchoolEntity).countBy(inDemo)).toBe(expected.schools.length);
    const rooms = await dataSource
      .getRepository(RoomEntity)
      .createQueryBuilder('r')
      .innerJoin(SchoolEntity, 's', 's.id = r.schoolId')
      .where('s.communeId = :id', { id: commune.id })
      .getCount();
    expect(rooms).toBe(expected.schools.reduce((sum, school) => sum + school.rooms.length, 0));
    expect(await dataSource.getRepository(EquipmentEntity).countBy(inDemo)).toBe(expected.items.length);

    const demoEquipment = (alias: string) => `${alias}.equipmentId IN (SELECT id FROM equipment WHERE commune_id = ${commune.id})`;
    const events = await dataSource.getRepository(EquipmentEventEntity).createQueryBuilder('ev').where(demoEquipment('ev')).getMany();
    expect(events).toHaveLength(expected.items.length);
    expect(new Set(events.map((event) => `${event.change}/${event.actor}`))).toEqual(new Set(['created/demo']));
    expect(new Set(events.map((event) => event.equipmentId)).size).toBe(expected.items.length);

    const terms = await dataSource.getRepository(EquipmentSearchTermEntity).createQueryBuilder('t').where(demoEquipment('t')).getCount();
    expect(terms).toBe(expected.items.reduce((sum, item) => sum + searchTermsFor(item).length, 0));
  });

  it('stores each item as generated, with its trolley, room and school resolved', async () => {
    const { dataSource } = db();
    const tablet = expected.items.find((item) => item.kind === 'tablet')!;
    const stored = await dataSource.getRepository(EquipmentEntity).findOneOrFail({
      where: { assetTag: tablet.assetTag, serial: tablet.serial },
      relations: { container: true, room: true, school: true },
    });
    expect(stored.container?.assetTag).toBe(tablet.containerAssetTag);
    expect(stored.room?.name).toBe(tablet.roomName);
    expect(stored.school?.uai).toBe(tablet.schoolUai);
    expect({ purchaseDate: stored.purchaseDate, warrantyEndsOn: stored.warrantyEndsOn, version: stored.version }).toEqual({
      purchaseDate: tablet.purchaseDate,
      warrantyEndsOn: tablet.warrantyEndsOn,
      version: 1,
    });
    const contained = await dataSource.getRepository(EquipmentEntity).createQueryBuilder('e').where('e.containerId IS NOT NULL').getCount();
    expect(contained).toBe(expected.items.filter((item) => item.containerAssetTag !== null).length);
  });

  it('indexes serials, asset tags, models and hostnames for search', async () => {
    const { dataSource } = db();
    const laptop = expected.items.find((item) => item.kind === 'laptop' && item.hostname)!;
    for (const term of [laptop.serial.toLowerCase(), laptop.assetTag.toLowerCase(), laptop.hostname!]) {
      const match = await dataSource
        .getRepository(EquipmentSearchTermEntity)
        .createQueryBuilder('t')
        .innerJoinAndSelect('t.equipment', 'e')
        .where('t.term = :term', { term })
        .andWhere('e.serial = :serial', { serial: laptop.serial })
        .getOne();
      expect(match?.equipment?.assetTag).toBe(laptop.assetTag);
    }
  });

  it('leaves other communes alone', async () => {
    const { dataSource } = db();
    expect(await dataSource.getRepository(SchoolEntity).existsBy({ id: otherSchoolId })).toBe(true);
    expect(await dataSource.getRepository(EquipmentEntity).existsBy({ id: otherItemId })).toBe(true);
  });

  it('is not loaded again at start-up once schools exist', async () => {
    const { dataSource } = db();
    const before = await dataSource.getRepository(EquipmentEventEntity).count();
    await loadDemoIfFresh(dataSource, silent);
    expect(await dataSource.getRepository(EquipmentEventEntity).count()).toBe(before);
  });
});

describe('loadDemoIfFresh', () => {
  it('loads the demo into a fresh SQLite database', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      await loadDemoIfFresh(database.dataSource, silent);
      expect(await database.dataSource.getRepository(SchoolEntity).count()).toBe(expected.schools.length);
      expect(await database.dataSource.getRepository(EquipmentEntity).count()).toBe(expected.items.length);
    } finally {
      await database.drop();
    }
  });
});
