import type { DataSource } from 'typeorm';
import { uaiCheckLetter } from '@preau/shared';
import { AcademyEntity } from '../../server/src/modules/organisations/academy.entity';
import { CirconscriptionEntity } from '../../server/src/modules/organisations/circonscription.entity';
import { CommuneEntity } from '../../server/src/modules/organisations/commune.entity';
import { SchoolEntity } from '../../server/src/modules/schools/school.entity';
import { RoomEntity } from '../../server/src/modules/schools/room.entity';

let sequence = 0;
const next = () => ++sequence;

/** A valid UAI in the given département, unique within this test process. */
export function makeUai(department = '974'): string {
  const stem = `${department}${String(next() % 10000).padStart(4, '0')}`;
  return stem + uaiCheckLetter(stem);
}

export interface OrgFixture {
  academy: AcademyEntity;
  commune: CommuneEntity;
  circonscription: CirconscriptionEntity;
}

/** An académie with one commune and one circonscription. */
export async function makeOrganisations(dataSource: DataSource): Promise<OrgFixture> {
  const n = next();
  const academy = await dataSource.getRepository(AcademyEntity).save({ code: `acad-${n}`, name: `Académie ${n}` });
  const commune = await dataSource
    .getRepository(CommuneEntity)
    .save({ name: `Commune ${n}`, inseeCode: null, academyId: academy.id });
  const circonscription = await dataSource
    .getRepository(CirconscriptionEntity)
    .save({ name: `Circonscription ${n}`, academyId: academy.id });
  return { academy, commune, circonscription };
}

export async function makeSchool(dataSource: DataSource, org: OrgFixture, name = `École ${next()}`): Promise<SchoolEntity> {
  return dataSource.getRepository(SchoolEntity).save({
    uai: makeUai(),
    name,
    type: 'EE',
    address: null,
    postalCode: null,
    communeId: org.commune.id,
    circonscriptionId: org.circonscription.id,
    retiredAt: null,
  });
}

export async function makeRoom(dataSource: DataSource, schoolId: number, name = `Salle ${next()}`): Promise<RoomEntity> {
  return dataSource.getRepository(RoomEntity).save({ schoolId, name, description: null, retiredAt: null });
}
