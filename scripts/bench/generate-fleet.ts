import type { DataSource } from 'typeorm';
import { uaiCheckLetter } from '@preau/shared';
import { apportion } from '../../db/seeds/lib/apportion';
import type { SeedDataset, SeedItem, SeedSchool } from '../../db/seeds/lib/dataset';
import { todayUtc } from '../../db/seeds/lib/dates';
import { ItemFactory } from '../../db/seeds/lib/item-factory';
import { createRandom } from '../../db/seeds/lib/random';
import { type FleetPlan, buildSchoolFleet, fixedItemCount } from '../../db/seeds/lib/school-fleet';
import { LEVELS, classroomNames, schoolRooms } from '../../db/seeds/lib/school-rooms';
import { type WrittenDataset, writeDataset } from '../../db/seeds/lib/write-dataset';

/**
 * A large fleet made with the demo's building blocks (db/seeds/lib): many communes of about
 * twenty schools each, every school with its rooms and a fleet from `buildSchoolFleet`,
 * the classroom computers sized so the whole adds up to exactly `items`.
 */

export interface FleetSize {
  schools: number;
  items: number;
}

const SEED = 500_100_000;
const SCHOOLS_PER_COMMUNE = 20;
const SCHOOLS_PER_CIRCONSCRIPTION = 10;
const SCHOOL_TYPES: Readonly<Record<'EM' | 'EE' | 'EP', number>> = { EE: 55, EP: 30, EM: 15 };

/** The whole dataset, the same for the same size and day. */
export function generateFleet({ schools: schoolCount, items: itemCount }: FleetSize, today: string = todayUtc()): SeedDataset {
  const rng = createRandom(SEED);
  const factory = new ItemFactory(rng, today);
  const communeCount = Math.ceil(schoolCount / SCHOOLS_PER_COMMUNE);
  const communes = Array.from({ length: communeCount }, (_, i) => ({
    inseeCode: String(97401 + i),
    name: `Commune d'essai ${String(i + 1).padStart(2, '0')}`,
  }));
  const circonscriptions = Array.from({ length: Math.ceil(schoolCount / SCHOOLS_PER_CIRCONSCRIPTION) }, (_, i) => ({
    name: `Circonscription d'essai ${String(i + 1).padStart(3, '0')}`,
  }));

  const types = Array.from({ length: schoolCount }, () => rng.weighted(SCHOOL_TYPES));
  const classCounts = types.map((type) => (type === 'EM' ? rng.int(3, 6) : rng.int(5, 16)));
  const plans = types.map(
    (): Omit<FleetPlan, 'classroomComputers'> => ({
      copiers: rng.int(1, 2),
      interactiveDisplays: rng.int(0, 3),
      trolleys: rng.int(1, 4),
      projectors: rng.int(1, 3),
      documentCameras: rng.int(1, 3),
      wifiAps: rng.int(2, 6),
    }),
  );
  const fixed = plans.map(fixedItemCount);
  // What the plans leave goes to classroom computers, in proportion to the classes.
  const classroomComputers = apportion(itemCount - fixed.reduce((a, b) => a + b, 0), classCounts);
  const stems = rng.shuffle(Array.from({ length: 9999 }, (_, i) => `974${String(i + 1).padStart(4, '0')}`)).slice(0, schoolCount);
  if (stems.length < schoolCount) throw new Error(`At most 9999 schools, not ${schoolCount}`);

  const schools: SeedSchool[] = [];
  const items: SeedItem[] = [];
  for (let i = 0; i < schoolCount; i++) {
    const type = types[i]!;
    const uai = stems[i]! + uaiCheckLetter(stems[i]!);
    const commune = communes[Math.floor(i / SCHOOLS_PER_COMMUNE)]!;
    const classrooms = classroomNames(classCounts[i]!, LEVELS[type]);
    schools.push({
      uai,
      name: `École ${type === 'EM' ? 'maternelle' : type === 'EE' ? 'élémentaire' : 'primaire'} n° ${i + 1}`,
      type,
      address: `${rng.int(1, 180)} rue de l'École`,
      postalCode: commune.inseeCode,
      communeInseeCode: commune.inseeCode,
      circonscriptionName: circonscriptions[Math.floor(i / SCHOOLS_PER_CIRCONSCRIPTION)]!.name,
      rooms: schoolRooms(classrooms),
    });
    // A teacher's computer in every classroom at least.
    if (classroomComputers[i]! < classrooms.length) throw new Error(`Too few items for ${schoolCount} schools: raise the item count`);
    const fleetSchool = { uai, communeInseeCode: commune.inseeCode, assetTagPrefix: `B${commune.inseeCode.slice(3)}`, classrooms };
    const plan = { ...plans[i]!, classroomComputers: classroomComputers[i]! };
    items.push(...buildSchoolFleet(factory, rng, fleetSchool, plan, { pupilLaptopShare: 0.3 }));
  }
  if (items.length !== itemCount) throw new Error(`Generated ${items.length} items instead of ${itemCount}`);

  return { academy: { code: 'bench', name: "Académie d'essai" }, communes, circonscriptions, schools, items };
}

/** Rows per INSERT: 1,000 × 24 columns stays under SQLite's 32,766 bound parameters. */
const CHUNK_SIZE = 1000;

/** Inserts the dataset in one transaction with the seed writer (items, history events, search terms). */
export async function writeFleet(dataSource: DataSource, data: SeedDataset): Promise<WrittenDataset> {
  return dataSource.transaction((manager) => writeDataset(manager, data, { actor: 'bench', now: new Date(), chunkSize: CHUNK_SIZE }));
}
